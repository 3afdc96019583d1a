import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { listAgencies } from '../../store/agencies/list.js';
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
  agencies: t.field({
    type: [Agency],
    description: 'Agencies by region and name, with the names they are known by (`aliases`); in region code order. Without a token, only agencies with a published report.',
    args: {
      search: t.arg.string({ description: 'Part of any of its names (its own or an alias), e.g. 平潭 or 市科委.', validate: z.string().min(1).max(64) }),
      regionCode: t.arg.string({
        description: 'GB/T 2260 code or prefix: a province (35 or 350000) or prefecture (3501 or 350100) selects every agency below it; a six-digit county code selects that county.',
        validate: z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'must be 2, 4 or 6 digits of a GB/T 2260 code'),
      }),
      limit: t.arg.int({ defaultValue: 50, description: 'At most this many (1–500).', validate: z.number().int().min(1).max(500) }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        return await listAgencies(ctx.reader, { search: args.search, regionCode: args.regionCode, limit: args.limit ?? 50, statuses: ctx.viewer.canWrite ? undefined : ['PUBLISHED'] });
      } catch (error) {
        if (error instanceof RangeError) throw new GraphQLError(`Invalid argument: search: ${error.message}`, { extensions: { code: 'BAD_USER_INPUT' } });
        throw error;
      }
    },
  }),
}));
