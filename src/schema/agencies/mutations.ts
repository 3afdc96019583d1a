/**
 * ADMIN-only mending of agency identity: mergeAgencies (one agency split in two by earlier imports)
 * and renameAgency. Refusals the caller can act on come back as typed payloads.
 */
import { z } from 'zod';
import { AgencyWriteRefused, mergeAgencies, renameAgency, type AgencyWriteCode } from '../../store/agencies/merge.js';
import { loadRegions } from '../../store/services/regions-queries.js';
import { builder } from '../builder.js';
import { expectGlobalId } from '../global-id.js';
import { refused, writeResult } from '../import/refusal.js';
import { Agency } from './agency.js';

const CODES: Record<AgencyWriteCode, string> = {
  NOT_FOUND: 'An agency ID names no agency.',
  SAME_AGENCY: 'An agency cannot be merged into itself.',
  YEAR_CONFLICT: 'Both sides have a report of the same year: pass the one to keep in `keepReports`.',
  NAME_TAKEN: 'Another agency of the region has that name: merge them instead.',
  INVALID_INPUT: 'An argument is out of bounds; see `issues`.',
};

interface AgencyWriteShape {
  agencyId: number;
  movedReports?: number;
  deletedReports?: number;
}

const agencyField = (t: any) =>
  t.field({ type: Agency, description: 'The agency as it is now.', resolve: async (s: AgencyWriteShape, _args: unknown, ctx: any) => (await ctx.loaders.agency(s.agencyId))! });

const MergeAgenciesSuccess = builder.objectRef<AgencyWriteShape>('MergeAgenciesSuccess').implement({
  description: 'The agencies are one: the kept agency has every report and every name of the merged ones.',
  fields: (t) => ({
    agency: agencyField(t),
    movedReports: t.int({ description: 'Reports moved to the kept agency.', resolve: (s) => s.movedReports ?? 0 }),
    deletedReports: t.int({ description: 'Reports that are no longer reports because another of the same year was kept (`keepReports`): each is kept whole as a revision (reason MERGE) of the one kept, in its `revisions`.', resolve: (s) => s.deletedReports ?? 0 }),
  }),
});

const RenameAgencySuccess = builder.objectRef<AgencyWriteShape>('RenameAgencySuccess').implement({
  description: 'The agency has its new name; the old one stays one of its aliases.',
  fields: (t) => ({ agency: agencyField(t) }),
});

/** Each mutation's enum lists the refusals it can give, no others. */
const result = (write: string, success: typeof MergeAgenciesSuccess, what: string, codes: AgencyWriteCode[]) =>
  writeResult(write, {
    success,
    codes: Object.fromEntries(codes.map((code) => [code, CODES[code]])) as Record<AgencyWriteCode, string>,
    codeEnum: { name: `${write}ErrorCode`, description: `Why ${what} was refused.` },
    refusedDescription: `${what} was refused and nothing was changed.`,
    resultDescription: `Either the agency, or why ${what} was refused.`,
  });

const MergeAgenciesResult = result('MergeAgencies', MergeAgenciesSuccess, 'the merge', ['NOT_FOUND', 'SAME_AGENCY', 'YEAR_CONFLICT', 'INVALID_INPUT']);
const RenameAgencyResult = result('RenameAgency', RenameAgencySuccess, 'the rename', ['NOT_FOUND', 'NAME_TAKEN', 'INVALID_INPUT']);

const asPayload = (error: unknown) => {
  if (error instanceof AgencyWriteRefused) return refused(error);
  throw error;
};

builder.mutationFields((t) => ({
  mergeAgencies: t.field({
    type: MergeAgenciesResult,
    authScopes: { admin: true },
    description:
      'Merges agencies that are one (e.g. created twice by imports under different names): their reports move to `into`, their names become its aliases, tokens scoped to them are scoped to it; the statistics rollup, the cell vectors and the cross-year checks are recomputed in the same transaction. A year both sides have a report of is refused unless `keepReports` names the one to keep. Needs an ADMIN token.',
    args: {
      into: t.arg.id({ required: true, description: 'The agency that is kept (an `Agency` ID).' }),
      from: t.arg.idList({ required: true, description: 'The agencies merged into it and then removed.', validate: z.array(z.any()).min(1).max(100) }),
      keepReports: t.arg.idList({ description: 'For each year both sides have a report of, the `Report` ID to keep; the other becomes a revision of it (`Report.revisions`, reason MERGE): nothing is lost.', validate: z.array(z.any()).max(200) }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        const merged = await mergeAgencies(ctx.em, {
          into: expectGlobalId(String(args.into), 'Agency'),
          from: args.from.map((id) => expectGlobalId(String(id), 'Agency')),
          keepReports: (args.keepReports ?? []).map((id) => expectGlobalId(String(id), 'Report')),
          writer: ctx.viewer.writer,
        });
        return { agencyId: merged.agency.id, movedReports: merged.moved, deletedReports: merged.deleted };
      } catch (error) {
        return asPayload(error);
      }
    },
  }),
  renameAgency: t.field({
    type: RenameAgencyResult,
    authScopes: { admin: true },
    description: 'Gives an agency a new name (the old one stays an alias, so imports under it still find the agency), and optionally a region. Needs an ADMIN token.',
    args: {
      id: t.arg.id({ required: true, description: 'The agency (an `Agency` ID).' }),
      name: t.arg.string({ required: true, description: 'The new name, e.g. 平潭综合实验区管理委员会.', validate: z.string().min(2).max(200) }),
      regionCode: t.arg.string({ description: 'GB/T 2260 six-digit code of its region, when it changes.', validate: z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code') }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        if (args.regionCode && !(await loadRegions(ctx.em, [args.regionCode])).length) {
          throw new AgencyWriteRefused('INVALID_INPUT', `No region has the code ${args.regionCode}.`, [{ path: 'regionCode', message: 'no such region' }]);
        }
        const agency = await renameAgency(ctx.em, { id: expectGlobalId(String(args.id), 'Agency'), name: args.name, regionCode: args.regionCode, writer: ctx.viewer.writer });
        return { agencyId: agency.id };
      } catch (error) {
        return asPayload(error);
      }
    },
  }),
}));
