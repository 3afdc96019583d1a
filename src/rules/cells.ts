/**
 * Reading cells of an interchange report by path, and naming them with the catalog's official labels.
 * Pure functions; no label is typed here, they all come from src/format/catalog.
 */
import { formatSpec, labels, ruleSpec, type FormatVersion, type TableName } from '../format/catalog.js';
import type { Finding, InterchangeReport } from '../format/interchange.js';

const TABLES: ReadonlySet<string> = new Set<TableName>(['proactiveDisclosure', 'applications', 'reviewsAndLitigation']);

/**
 * The value at `table.row.column` ('applications.NEW_RECEIVED.TOTAL'):
 * a number; `null` for a cell printed blank; `undefined` when the table, row or column is absent
 * (an excerpt without that table, or a malformed path).
 */
export function getCell(report: InterchangeReport, path: string): number | null | undefined {
  const parts = path.split('.');
  if (parts.length !== 3) return undefined;
  const [table, row, column] = parts;
  if (!TABLES.has(table)) return undefined;
  const rows = report[table as TableName] as Record<string, Record<string, number | null> | undefined> | undefined;
  const cells = rows?.[row];
  if (!cells || !Object.prototype.hasOwnProperty.call(cells, column)) return undefined;
  const value = cells[column];
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Official label of an applications row, with its sub-group for the numbered detail rows: `（三）不予公开 1.属于国家秘密`. */
export function applicationRowLabel(row: string, version: FormatVersion): string {
  const spec = formatSpec(version).applications.rows.find((r) => r.code === row);
  const label = labels.applicationRow(row, version) ?? row;
  return spec?.group && spec.group.startsWith('（') ? `${spec.group} ${label}` : label;
}

/** Official label of a 表四 group, with its parent: `行政诉讼 未经复议直接起诉`. */
export function reviewGroupLabel(group: string, version: FormatVersion): string {
  const spec = formatSpec(version).reviewsAndLitigation.groups.find((g) => g.code === group);
  const label = labels.reviewGroup(group, version) ?? group;
  return spec?.parent ? `${spec.parent} ${label}` : label;
}

/** The label of the row part of a path (row, 表四 group, or 表二 item). */
export function rowPartLabel(table: string, row: string, version: FormatVersion): string {
  if (table === 'applications') return applicationRowLabel(row, version);
  if (table === 'reviewsAndLitigation') return reviewGroupLabel(row, version);
  return labels.proactiveItem(row, version) ?? row;
}

/** The label of the column part of a path (applicant column, 表四 outcome, or 表二 measure). */
export function columnPartLabel(table: string, column: string, version: FormatVersion): string {
  if (table === 'applications') return labels.applicant(column, version) ?? column;
  if (table === 'reviewsAndLitigation') return labels.reviewOutcome(column, version) ?? column;
  return labels.proactiveMeasure(column, version) ?? column;
}

/** Human name of a cell: `四、结转下年度继续办理 / 总计`. */
export function cellLabel(path: string, version: FormatVersion): string {
  const [table, row, column] = path.split('.');
  return `${rowPartLabel(table, row, version)} / ${columnPartLabel(table, column, version)}`;
}

/** A value as printed in messages: blank cells say so. */
export function show(value: number | null | undefined): string {
  if (value === null) return 'blank';
  if (value === undefined) return 'missing';
  return String(value);
}

/** A finding with the catalog's severity for its rule. */
export function finding(
  rule: string,
  message: string,
  cells: string[],
  values: { expected?: number | null; actual?: number | null } = {},
): Finding {
  const spec = ruleSpec(rule);
  if (!spec) throw new Error(`Rule ${rule} is not in the catalog`);
  const f: Finding = { rule, severity: spec.severity, message, cells };
  if (values.expected !== undefined) f.expected = values.expected;
  if (values.actual !== undefined) f.actual = values.actual;
  return f;
}
