/**
 * Checks that untrusted JSON is a well-formed interchange report: known format version, codes that
 * exist in that version of the catalog, numbers where numbers belong. Says exactly where it is not.
 */
import {
  formatSpec,
  isFormatVersion,
  MONEY_MEASURES,
  SIGNED_MEASURES,
  type FormatVersion,
} from './catalog.js';
import type { CellValue, Finding, InterchangeReport, InterchangeSection, Table } from './interchange.js';
import { FINDING_CODES, FINDING_RULES } from './messages/codes.js';

export interface ValidationIssue {
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; report: InterchangeReport } | { ok: false; issues: ValidationIssue[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validateTable(
  value: unknown,
  path: string,
  rows: string[],
  columnsOf: (row: string) => string[],
  checkValue: (v: number, column: string) => string | null,
  issues: ValidationIssue[],
): Table {
  const table: Table = {};
  if (value === undefined || value === null) return table;
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be an object of row code → column code → number or null' });
    return table;
  }
  for (const [row, cells] of Object.entries(value)) {
    if (!rows.includes(row)) {
      issues.push({ path: `${path}.${row}`, message: `unknown row code; this format version has ${rows.join(', ')}` });
      continue;
    }
    if (!isRecord(cells)) {
      issues.push({ path: `${path}.${row}`, message: 'must be an object of column code → number or null' });
      continue;
    }
    const columns = columnsOf(row);
    table[row] = {};
    for (const [column, cell] of Object.entries(cells)) {
      const at = `${path}.${row}.${column}`;
      if (!columns.includes(column)) {
        issues.push({ path: at, message: `unknown column code for ${row}; expected one of ${columns.join(', ')}` });
        continue;
      }
      if (cell === null) {
        table[row][column] = null;
        continue;
      }
      if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        issues.push({ path: at, message: `must be a number or null (blank), got ${JSON.stringify(cell)}` });
        continue;
      }
      const problem = checkValue(cell, column);
      if (problem) issues.push({ path: at, message: problem });
      else table[row][column] = cell as CellValue;
    }
  }
  return table;
}

/** Counts are stored as integer (PostgreSQL int4). */
export const MAX_COUNT = 2_000_000_000;
/** Amounts in 万元 are stored as numeric(20, 6): below 10^14, at most 6 decimal places. */
export const MAX_AMOUNT = 1e14;
export const AMOUNT_DECIMALS = 6;
const countCheck = (v: number) =>
  Number.isInteger(v) && v >= 0 && v <= MAX_COUNT ? null : `must be a whole number from 0 to ${MAX_COUNT}, got ${v}`;

/** Amounts in 万元 are stored as numeric(20, 6): below 10^14, at most 6 decimal places. */
function amountCheck(v: number): string | null {
  if (v < 0) return `an amount must not be negative, got ${v}`;
  const decimals = /e-/.test(String(v)) ? Infinity : (String(v).split('.')[1] ?? '').length;
  return v < MAX_AMOUNT && decimals <= AMOUNT_DECIMALS ? null : `an amount (万元) must be below 100000000000000 with at most 6 decimal places, got ${v}`;
}

function optionalString(value: unknown, path: string, issues: ValidationIssue[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  issues.push({ path, message: 'must be a string or null' });
  return null;
}

export function validateInterchange(input: unknown): ValidationResult {
  const issues: ValidationIssue[] = [];
  if (!isRecord(input)) return { ok: false, issues: [{ path: '', message: 'a report must be a JSON object' }] };
  if (!isFormatVersion(input.formatVersion)) {
    return { ok: false, issues: [{ path: 'formatVersion', message: 'must be "2021" or "2019"' }] };
  }
  const version: FormatVersion = input.formatVersion;
  const spec = formatSpec(version);
  const year = input.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2008 || year > 2100) {
    issues.push({ path: 'year', message: `must be the statistical year as a whole number (2008–2100), got ${JSON.stringify(year)}` });
  }

  const sections: InterchangeSection[] = [];
  if (input.sections !== undefined && !Array.isArray(input.sections)) issues.push({ path: 'sections', message: 'must be an array' });
  (Array.isArray(input.sections) ? input.sections : []).forEach((s: unknown, i) => {
    const at = `sections[${i}]`;
    const known = isRecord(s) ? spec.sections.find((k) => k.number === s.number && k.code === s.code) : undefined;
    if (!isRecord(s) || !known) {
      issues.push({ path: at, message: `must be {number, code, title, body} with a number and code of the format (1 OVERVIEW … 6 OTHER_MATTERS)` });
      return;
    }
    if (typeof s.body !== 'string') issues.push({ path: `${at}.body`, message: 'must be a string' });
    sections.push({ number: known.number, code: known.code, title: typeof s.title === 'string' ? s.title : known.title, body: String(s.body ?? '') });
  });

  const proactiveItems = new Map<string, string[]>();
  for (const group of spec.proactiveDisclosure) {
    for (const item of group.items) proactiveItems.set(item.code, group.measures.map((m) => m.code));
  }
  const proactiveDisclosure = validateTable(
    input.proactiveDisclosure,
    'proactiveDisclosure',
    [...proactiveItems.keys()],
    (row) => proactiveItems.get(row) ?? [],
    (v, measure) => {
      if (MONEY_MEASURES.has(measure)) return amountCheck(v);
      if (SIGNED_MEASURES.has(measure)) return Number.isInteger(v) && Math.abs(v) <= MAX_COUNT ? null : `must be a whole number from -${MAX_COUNT} to ${MAX_COUNT}, got ${v}`;
      return countCheck(v);
    },
    issues,
  );
  const applicantCodes = spec.applications.applicants.map((a) => a.code);
  const applications = validateTable(
    input.applications,
    'applications',
    spec.applications.rows.map((r) => r.code),
    () => applicantCodes,
    countCheck,
    issues,
  );
  const outcomeCodes = spec.reviewsAndLitigation.outcomes.map((o) => o.code);
  const reviewsAndLitigation = validateTable(
    input.reviewsAndLitigation,
    'reviewsAndLitigation',
    spec.reviewsAndLitigation.groups.map((g) => g.code),
    () => outcomeCodes,
    countCheck,
    issues,
  );

  const findings: Finding[] = [];
  (Array.isArray(input.findings) ? input.findings : []).forEach((f: unknown, i) => {
    if (!isRecord(f) || !FINDING_RULES.includes(f.rule as string) || typeof f.message !== 'string' || !['ERROR', 'WARNING', 'INFO'].includes(f.severity as string)) {
      issues.push({ path: `findings[${i}]`, message: `must be {rule, severity: ERROR|WARNING|INFO, message, cells} with rule one of ${FINDING_RULES.join(', ')}` });
      return;
    }
    const coded = f.code !== undefined && f.code !== null;
    if (coded && (!(FINDING_CODES as readonly unknown[]).includes(f.code) || !isRecord(f.params))) {
      issues.push({ path: `findings[${i}].code`, message: `must be one of ${FINDING_CODES.join(', ')}, with params an object` });
      return;
    }
    findings.push({
      rule: f.rule as string,
      severity: f.severity as Finding['severity'],
      ...(coded ? { code: f.code as string, params: f.params as object } : {}),
      message: f.message,
      cells: Array.isArray(f.cells) ? f.cells.map(String) : [],
      ...(typeof f.expected === 'number' ? { expected: f.expected } : {}),
      ...(typeof f.actual === 'number' ? { actual: f.actual } : {}),
    });
  });

  const agencyName = optionalString(input.agencyName, 'agencyName', issues);
  const title = optionalString(input.title, 'title', issues);
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    report: { formatVersion: version, year: year as number, agencyName, title, sections, proactiveDisclosure, applications, reviewsAndLitigation, findings },
  };
}
