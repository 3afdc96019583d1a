/**
 * The read statements' SQL: one row per report with its agency, and each part the request asked
 * for as JSON that PostgreSQL builds from the normalized tables (one index range per part). The
 * column and key names come from the catalog codes, never retyped.
 */
import { APPLICANT_CODES, REVIEW_OUTCOME_CODES } from '../../format/index.js';
import { REPORT_PARTS, type AgencyView, type ReportPart, type ReportView } from './views.js';

/** A set of parts as a bit mask (a statement's shape, and part of its name). */
export type PartMask = number;
export const NO_PARTS: PartMask = 0;
export const ALL_PARTS: PartMask = (1 << REPORT_PARTS.length) - 1;
export const partBit = (part: ReportPart): PartMask => 1 << REPORT_PARTS.indexOf(part);
export const hasPart = (mask: PartMask, part: ReportPart) => (mask & partBit(part)) !== 0;

/** Count columns are named after their codes (NATURAL_PERSON → natural_person), as the entities map them. */
const countObject = (alias: string, codes: string[]) => `json_build_object(${codes.map((code) => `'${code}', ${alias}.${code.toLowerCase()}`).join(', ')})`;

const PART_SQL: Record<ReportPart, string> = {
  applications: `(select json_object_agg(x.row_code, ${countObject('x', APPLICANT_CODES)}) from application_row x where x.report_id = r.id)`,
  disclosure: `(select json_object_agg(t.item_code, t.measures) from (select d.item_code, json_object_agg(d.measure_code, d.value::text) as measures from disclosure_cell d where d.report_id = r.id group by d.item_code) t)`,
  reviews: `(select json_object_agg(v.group_code, ${countObject('v', REVIEW_OUTCOME_CODES)}) from review_row v where v.report_id = r.id)`,
  sections: `(select json_agg(json_build_object('number', s.number, 'code', s.code, 'title', s.title, 'body', s.body) order by s.number) from report_section s where s.report_id = r.id)`,
  findings: `(select json_agg(json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'message', f.message, 'cells', f.cells, 'expected', f.expected::text, 'actual', f.actual::text) order by f.id) from finding f where f.report_id = r.id)`,
};

/** The selected parts, as columns named after the parts. */
export function partColumns(mask: PartMask): string {
  return REPORT_PARTS.filter((part) => hasPart(mask, part))
    .map((part) => `, ${PART_SQL[part]} as "${part}"`)
    .join('');
}

export const AGENCY_COLUMNS = `a.id as "agencyId", a.name as "agencyName", a.region_code as "agencyRegionCode", a.region_name as "agencyRegionName",
  a.level as "agencyLevel", a.kind as "agencyKind", a.parent_id as "agencyParentId", a.address as "agencyAddress", a.postcode as "agencyPostcode",
  a.phone as "agencyPhone", a.fax as "agencyFax", a.email as "agencyEmail", a.website as "agencyWebsite"`;

/** Every report column but the verbatim source (megabytes: read only when asked for), then its agency's. */
export const REPORT_COLUMNS = `r.id, r.year, r.format_version as "formatVersion", r.title, r.published_on::text as "publishedOn", r.source_url as "sourceUrl",
  r.status, r.source_kind as "sourceKind", r.created_at as "createdAt", r.updated_at as "updatedAt", ${AGENCY_COLUMNS}`;

export type AgencyRow = { [K in keyof AgencyView as `agency${Capitalize<K & string>}`]: AgencyView[K] };

export function agencyFromRow(row: AgencyRow): AgencyView {
  return {
    id: row.agencyId,
    name: row.agencyName,
    regionCode: row.agencyRegionCode,
    regionName: row.agencyRegionName,
    level: row.agencyLevel,
    kind: row.agencyKind,
    parentId: row.agencyParentId,
    address: row.agencyAddress,
    postcode: row.agencyPostcode,
    phone: row.agencyPhone,
    fax: row.agencyFax,
    email: row.agencyEmail,
    website: row.agencyWebsite,
  };
}

export type ReportRow = Omit<ReportView, 'agency'> & AgencyRow;

/** A row of REPORT_COLUMNS (+ parts) as the view; a part that was selected but has no rows is empty, not absent. */
export function reportFromRow(row: ReportRow, mask: PartMask): ReportView {
  const view: ReportView = {
    id: row.id,
    agency: agencyFromRow(row),
    year: row.year,
    formatVersion: row.formatVersion,
    title: row.title,
    publishedOn: row.publishedOn,
    sourceUrl: row.sourceUrl,
    status: row.status,
    sourceKind: row.sourceKind,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (mask !== NO_PARTS) assignParts(view, row, mask);
  return view;
}

export function assignParts(view: ReportView, row: Partial<ReportView>, mask: PartMask): void {
  if (hasPart(mask, 'applications')) view.applications = row.applications ?? {};
  if (hasPart(mask, 'disclosure')) view.disclosure = row.disclosure ?? {};
  if (hasPart(mask, 'reviews')) view.reviews = row.reviews ?? {};
  if (hasPart(mask, 'sections')) view.sections = row.sections ?? [];
  if (hasPart(mask, 'findings')) view.findings = row.findings ?? [];
}
