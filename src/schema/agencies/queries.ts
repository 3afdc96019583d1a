import { builder } from '../builder.js';
import { expectGlobalId } from '../global-id.js';
import { Agency } from './agency.js';

builder.queryFields((t) => ({
  agency: t.field({
    type: Agency,
    nullable: true,
    description: 'One agency by its global ID; null when there is none (or when only drafts name it and the request has no token).',
    args: { id: t.arg.id({ required: true, description: 'The agency’s global ID.' }) },
    resolve: (_root, { id }, ctx) => ctx.loaders.agency(expectGlobalId(String(id), 'Agency')),
  }),
}));
