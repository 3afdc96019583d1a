/**
 * An export's URL parameters, read with the same meaning and the same checks as the GraphQL
 * arguments they mirror (`reports(filter:, orderBy:)`, `statistics(filter:, measures:, groupBy:,
 * regionLevel:)`). A bad parameter is an ExportError naming it and saying what it takes.
 */
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { APPLICANT_CODES, APPLICATION_ROW_CODES, FORMAT_VERSIONS, PROACTIVE_ITEM_CODES, PROACTIVE_MEASURE_CODES, REVIEW_GROUP_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import { REGION_LEVELS, REPORT_STATUSES, type RegionLevel } from '../../store/entities/index.js';
import type { ReportFilter } from '../../store/reports/filter.js';
import { REPORT_ORDERS, type ReportOrder } from '../../store/reports/read.js';
import { MEASURE_KINDS, MeasureError, buildMeasure, type Measure, type MeasureKind, type MeasureRequest } from '../../store/services/measures.js';
import { STAT_DIMENSIONS, type StatDimension } from '../../store/services/statistics.js';
import { regionCodeSchema, toReportFilter, year as yearSchema, type ReportFilterArgs } from '../../schema/reports/filter.js';
import type { Viewer } from '../../schema/context.js';

export class ExportError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

const FILTER_PARAMETERS = ['regionCode', 'year', 'yearFrom', 'yearTo', 'agencyId', 'formatVersion', 'status', 'findingRule'] as const;
export const REPORT_LIST_PARAMETERS = [...FILTER_PARAMETERS, 'orderBy'] as const;
export const STATISTICS_PARAMETERS = [...FILTER_PARAMETERS, 'measure', 'groupBy', 'regionLevel'] as const;

/** Every value of a parameter: repeated (`year=2023&year=2024`) or comma-separated (`year=2023,2024`). */
function values(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function single(params: URLSearchParams, name: string): string | undefined {
  const all = values(params, name);
  if (all.length > 1) throw new ExportError(400, `\`${name}\` takes one value, got ${all.length} (${all.join(', ')}).`);
  return all[0];
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new ExportError(400, `\`${name}\` must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T;
}

function checked<T>(name: string, value: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ExportError(400, `\`${name}\`: ${result.error.issues.map((i) => i.message).join('; ')} (got "${String(value)}").`);
  return result.data;
}

function yearValue(name: string, text: string): number {
  if (!/^\d{1,4}$/.test(text)) throw new ExportError(400, `\`${name}\` must be a year such as 2024; got "${text}".`);
  return checked(name, Number(text), yearSchema);
}

function refuseUnknown(params: URLSearchParams, known: readonly string[]): void {
  for (const name of new Set(params.keys())) {
    if (!known.includes(name)) throw new ExportError(400, `Unknown parameter \`${name}\`: this export takes ${known.join(', ')}.`);
  }
}

/** GraphQL's own refusals (a bad global ID, a draft without a token) as HTTP ones. */
function fromGraphQL<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GraphQLError) throw new ExportError(error.extensions?.code === 'FORBIDDEN' ? 403 : 400, error.message);
    throw error;
  }
}

/** The filter of `reports(filter:)`, from the URL, with the statuses the viewer may see. */
export function reportFilterFromUrl(params: URLSearchParams, viewer: Viewer): ReportFilter {
  const regionCode = single(params, 'regionCode');
  const yearFrom = single(params, 'yearFrom');
  const yearTo = single(params, 'yearTo');
  const args: ReportFilterArgs = {
    regionCode: regionCode === undefined ? undefined : checked('regionCode', regionCode, regionCodeSchema),
    years: values(params, 'year').map((y) => yearValue('year', y)),
    yearFrom: yearFrom === undefined ? undefined : yearValue('yearFrom', yearFrom),
    yearTo: yearTo === undefined ? undefined : yearValue('yearTo', yearTo),
    agencyIds: values(params, 'agencyId'),
    // As the catalog names it (2021) or as the GraphQL enum does (FORMAT_2021).
    formatVersion: oneOf('formatVersion', single(params, 'formatVersion')?.replace(/^FORMAT_/, ''), FORMAT_VERSIONS),
    status: oneOf('status', single(params, 'status'), REPORT_STATUSES),
    findingRule: single(params, 'findingRule'),
  };
  return fromGraphQL(() => toReportFilter(args, viewer));
}

export function reportListRequest(params: URLSearchParams, viewer: Viewer): { filter: ReportFilter; order: ReportOrder } {
  refuseUnknown(params, REPORT_LIST_PARAMETERS);
  return { filter: reportFilterFromUrl(params, viewer), order: oneOf('orderBy', single(params, 'orderBy'), REPORT_ORDERS) ?? 'YEAR_DESC' };
}

/** What each measure kind reads from the parts after its name: `APPLICATION_CELL:NEW_RECEIVED:TOTAL`. */
const MEASURE_PARTS: Record<MeasureKind, [keyof MeasureRequest, readonly string[]][]> = {
  APPLICATION_CELL: [['applicationRow', APPLICATION_ROW_CODES], ['applicantColumn', APPLICANT_CODES]],
  DISCLOSURE_CELL: [['disclosureItem', PROACTIVE_ITEM_CODES], ['disclosureMeasure', PROACTIVE_MEASURE_CODES]],
  REVIEW_CELL: [['reviewGroup', REVIEW_GROUP_CODES], ['reviewOutcome', REVIEW_OUTCOME_CODES]],
  DISCLOSURE_RATE: [['applicantColumn', APPLICANT_CODES]],
  REFUSAL_RATE: [['applicantColumn', APPLICANT_CODES]],
  REFUSAL_SHARE: [['applicationRow', APPLICATION_ROW_CODES], ['applicantColumn', APPLICANT_CODES]],
  REVIEW_CORRECTION_RATE: [],
  LITIGATION_CORRECTION_RATE: [],
};

/** `KIND[:code[:code]]`, the fields of MeasureInput in order (e.g. `DISCLOSURE_CELL:REGULATIONS:ISSUED`, `DISCLOSURE_RATE`). */
export function measureFromUrl(text: string): Measure {
  const [kindText, ...codes] = text.split(':');
  const kind = oneOf('measure', kindText, MEASURE_KINDS)!;
  const parts = MEASURE_PARTS[kind];
  if (codes.length > parts.length) {
    throw new ExportError(400, `\`measure\` ${kind} takes at most ${parts.length} codes after its name (${parts.map(([field]) => field).join(', ') || 'none'}); got "${text}".`);
  }
  const request: MeasureRequest = { kind };
  codes.forEach((code, i) => {
    const [field, allowed] = parts[i];
    (request as unknown as Record<string, string>)[field] = oneOf(`measure ${kind} ${field}`, code, allowed)!;
  });
  try {
    return buildMeasure(request);
  } catch (error) {
    if (error instanceof MeasureError) throw new ExportError(400, `\`measure\` "${text}": ${error.message}`);
    throw error;
  }
}

export interface StatisticsExportRequest {
  filter: ReportFilter;
  measures: Measure[];
  groupBy: StatDimension[];
  regionLevel: RegionLevel;
}

export function statisticsRequest(params: URLSearchParams, viewer: Viewer): StatisticsExportRequest {
  refuseUnknown(params, STATISTICS_PARAMETERS);
  const measures = values(params, 'measure').map(measureFromUrl);
  if (measures.length < 1 || measures.length > 12) throw new ExportError(400, `\`measure\` is needed 1–12 times (e.g. measure=DISCLOSURE_RATE); got ${measures.length}.`);
  return {
    filter: reportFilterFromUrl(params, viewer),
    measures,
    groupBy: [...new Set(values(params, 'groupBy').map((d) => oneOf('groupBy', d, STAT_DIMENSIONS)!))],
    regionLevel: oneOf('regionLevel', single(params, 'regionLevel'), REGION_LEVELS) ?? 'PROVINCE',
  };
}
