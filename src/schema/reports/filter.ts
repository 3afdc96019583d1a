import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { ReportStatus } from '../../store/entities/index.js';
import type { Viewer } from '../context.js';
import type { ReportFilter } from '../../store/reports/filter.js';
import { REPORT_ORDERS } from '../../store/reports/read.js';
import { builder } from '../builder.js';
import { FindingRuleEnum, FormatVersionEnum } from '../format/enums.js';
import { expectGlobalId } from '../global-id.js';
import { ReportStatusEnum } from './report.js';

/** A statistical year (also checked where exports read it from a URL). */
export const year = z.number().int().min(2008).max(2100);
/** GB/T 2260 code or prefix, as the filter takes it. */
export const regionCodeSchema = z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'must be 2, 4 or 6 digits of a GB/T 2260 code, e.g. 35, 3501 or 350128');

export const ReportFilterInput = builder.inputType('ReportFilter', {
  description: 'Which reports to list. Every field narrows the list; omit a field to not filter on it.',
  fields: (t) => ({
    year: t.int({ description: 'One statistical year.', validate: year }),
    years: t.intList({ description: 'Any of these statistical years.', validate: z.array(year).max(50) }),
    yearFrom: t.int({ description: 'Statistical years from this one on.', validate: year }),
    yearTo: t.int({ description: 'Statistical years up to this one.', validate: year }),
    agencyId: t.id({ description: 'Reports of one agency (its global ID).' }),
    agencyIds: t.idList({ description: 'Reports of any of these agencies (global IDs).', validate: z.array(z.string()).max(500) }),
    regionCode: t.string({
      description:
        'GB/T 2260 region code or prefix: a province (35 or 350000) or prefecture (3501 or 350100) selects every agency below it; a six-digit county code selects that county.',
      validate: regionCodeSchema,
    }),
    formatVersion: t.field({ type: FormatVersionEnum, description: 'Only reports in this format.' }),
    status: t.field({ type: ReportStatusEnum, description: 'Only reports with this status.' }),
    findingRule: t.field({ type: FindingRuleEnum, description: 'Only reports with at least one finding of this rule (e.g. R1).' }),
  }),
});

export const ReportOrderEnum = builder.enumType('ReportOrder', {
  description: 'How to order reports (ties are broken by a stable internal order).',
  values: {
    YEAR_DESC: { value: REPORT_ORDERS[0], description: 'Newest statistical year first (default).' },
    YEAR_ASC: { value: REPORT_ORDERS[1], description: 'Oldest statistical year first.' },
    AGENCY_NAME_ASC: { value: REPORT_ORDERS[2], description: 'By agency name (code-point order).' },
    UPDATED_AT_DESC: { value: REPORT_ORDERS[3], description: 'Most recently imported or corrected first.' },
  },
});

export type ReportFilterArgs = typeof ReportFilterInput.$inferInput;

/**
 * Drafts are the agency's work in progress: without an API token every list, aggregate and search
 * sees published reports only.
 */
export function visibleStatuses(viewer: Viewer, asked: ReportStatus | null | undefined): ReportStatus[] | undefined {
  if (viewer.canWrite) return asked ? [asked] : undefined;
  if (asked === 'DRAFT') {
    throw new GraphQLError('Drafts are visible only with an API token (`Authorization: Bearer <token>`).', { extensions: { code: 'FORBIDDEN' } });
  }
  return ['PUBLISHED'];
}

export function toReportFilter(input: ReportFilterArgs | null | undefined, viewer: Viewer): ReportFilter {
  if (!input) return { statuses: visibleStatuses(viewer, null) };
  const years = [...(input.years ?? []), ...(input.year != null ? [input.year] : [])];
  const agencyIds = [...(input.agencyIds ?? []), ...(input.agencyId != null ? [input.agencyId] : [])].map((id) =>
    expectGlobalId(String(id), 'Agency'),
  );
  return {
    years: years.length ? years : undefined,
    yearFrom: input.yearFrom ?? undefined,
    yearTo: input.yearTo ?? undefined,
    agencyIds: agencyIds.length ? agencyIds : undefined,
    regionCode: input.regionCode ?? undefined,
    formatVersions: input.formatVersion ? [input.formatVersion] : undefined,
    statuses: visibleStatuses(viewer, input.status),
    withFindingRules: input.findingRule ? [input.findingRule] : undefined,
  };
}
