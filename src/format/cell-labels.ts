/**
 * Naming cells of the three tables by their official labels (from the catalog, never retyped).
 * Pure functions: the rules cite cells with them, the finding messages print them.
 */
import { formatSpec, labels, type FormatVersion } from './catalog.js';

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
