/**
 * Reading cells of an interchange report by path, and naming them with the catalog's official labels.
 * Pure functions; no label is typed here, they all come from src/format/catalog.
 */
import { ruleSpec, type TableName } from '../format/catalog.js';
export { applicationRowLabel, cellLabel, columnPartLabel, reviewGroupLabel, rowPartLabel } from '../format/cell-labels.js';
import type { Finding, InterchangeReport } from '../format/interchange.js';
import { codedFinding, type CodedMessage } from '../format/messages/index.js';

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

/** A finding with the catalog's severity for its rule. */
export function finding(rule: string, message: CodedMessage, cells: string[], values: { expected?: number | null; actual?: number | null } = {}): Finding {
  const spec = ruleSpec(rule);
  if (!spec) throw new Error(`Rule ${rule} is not in the catalog`);
  return codedFinding(rule, spec.severity, message, cells, values);
}
