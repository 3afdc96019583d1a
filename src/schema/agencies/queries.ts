import { builder } from '../builder.js';
import { expectGlobalId } from '../global-id.js';
import { Agency } from './agency.js';
import { loadVisibleAgencies } from './visibility.js';

builder.queryFields((t) => ({
  agency: t.field({
    type: Agency,
    nullable: true,
    description: 'One agency by its global ID; null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'The agency’s global ID.' }) },
    resolve: async (_root, { id }, ctx) => (await loadVisibleAgencies(ctx, [expectGlobalId(String(id), 'Agency')]))[0],
  }),
}));
