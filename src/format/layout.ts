/**
 * The official layout of 表二/三/四 as a grid of (possibly merged) cells, and every cell of the
 * three tables as one flat column with its official label: what a spreadsheet export and a portal
 * page print. All text comes from the catalog; the layout is derived from its groups and order.
 * Pure data, safe to import from a browser.
 */
import { catalog, formatSpec, type FormatSpec, type FormatVersion, type TableName } from './catalog.js';

export interface GridCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  /** A heading or a row label. */
  text?: string;
  /** A value cell: row and column codes as the interchange names them. */
  cell?: { row: string; column: string };
  header: boolean;
}

export interface TableGrid {
  table: TableName;
  /** The section the table belongs to: its number (二, 三, 四) and title, as the format prints them. */
  sectionNumber: number;
  title: string;
  rows: number;
  cols: number;
  cells: GridCell[];
}

/** Chinese numerals for section numbers (the format numbers its sections and tables 一 … 六). */
export const CHINESE_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const SECTION_OF: Record<TableName, string> = { proactiveDisclosure: 'PROACTIVE_DISCLOSURE', applications: 'APPLICATIONS', reviewsAndLitigation: 'REVIEWS_AND_LITIGATION' };
export const TABLE_NAMES: readonly TableName[] = ['proactiveDisclosure', 'applications', 'reviewsAndLitigation'];

function section(spec: FormatSpec, table: TableName) {
  const found = spec.sections.find((s) => s.code === SECTION_OF[table]);
  if (!found) throw new Error(`format ${spec.version} has no section for ${table}`);
  return found;
}

/** `表三`: the table's short name, after its section's number. */
export function tableName(table: TableName, version: FormatVersion = catalog.formats[0].version): string {
  return `表${CHINESE_NUMERALS[section(formatSpec(version), table).number]}`;
}

class GridBuilder {
  cells: GridCell[] = [];
  rows = 0;
  add(cell: Omit<GridCell, 'rowSpan' | 'colSpan' | 'header'> & Partial<Pick<GridCell, 'rowSpan' | 'colSpan' | 'header'>>) {
    const full = { rowSpan: 1, colSpan: 1, header: false, ...cell };
    this.cells.push(full);
    this.rows = Math.max(this.rows, full.r + full.rowSpan);
  }
}

/** 表二: per article, a heading row (the article, then its measures) and one row per item; a group with fewer measures stretches its last one. */
function disclosureGrid(spec: FormatSpec): Omit<TableGrid, 'table' | 'sectionNumber' | 'title'> {
  const cols = 1 + Math.max(...spec.proactiveDisclosure.map((g) => g.measures.length));
  const grid = new GridBuilder();
  for (const group of spec.proactiveDisclosure) {
    const r = grid.rows;
    const span = (i: number) => (i === group.measures.length - 1 ? cols - 1 - i : 1);
    grid.add({ r, c: 0, text: group.article, header: true });
    group.measures.forEach((m, i) => grid.add({ r, c: 1 + i, colSpan: span(i), text: m.label, header: true }));
    group.items.forEach((item, k) => {
      grid.add({ r: r + 1 + k, c: 0, text: item.label, header: true });
      group.measures.forEach((m, i) => grid.add({ r: r + 1 + k, c: 1 + i, colSpan: span(i), cell: { row: item.code, column: m.code } }));
    });
  }
  return { rows: grid.rows, cols, cells: grid.cells };
}

/** Consecutive runs of equal keys: [key, first index, last index]. */
function runs<T>(items: T[], key: (item: T) => string | null): [string | null, number, number][] {
  const out: [string | null, number, number][] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const last = out[out.length - 1];
    if (last && last[0] === k) last[2] = i;
    else out.push([k, i, i]);
  });
  return out;
}

/**
 * A row's enclosing group: a group spans from its first row to its last, and a group that lies
 * inside another's span is nested in it (（三）不予公开 inside 三、本年度办理结果).
 */
export interface RowPath {
  outer: string | null;
  inner: string | null;
}

export function applicationRowPath(spec: FormatSpec): Map<string, RowPath> {
  const rows = spec.applications.rows;
  const spans = new Map<string, [number, number]>();
  rows.forEach((row, i) => {
    if (!row.group) return;
    const span = spans.get(row.group);
    spans.set(row.group, span ? [span[0], i] : [i, i]);
  });
  const enclosing = (group: string) => [...spans].find(([other, [a, b]]) => other !== group && a < spans.get(group)![0] && b > spans.get(group)![1])?.[0] ?? null;
  return new Map(
    rows.map((row): [string, RowPath] => {
      if (!row.group) return [row.code, { outer: null, inner: null }];
      const outer = enclosing(row.group);
      return [row.code, outer ? { outer, inner: row.group } : { outer: row.group, inner: null }];
    }),
  );
}

/** 表三: three label columns (group, subgroup, row), the applicant columns under their groups, the note in the corner. */
function applicationsGrid(spec: FormatSpec): Omit<TableGrid, 'table' | 'sectionNumber' | 'title'> {
  const { applicants, rows, note } = spec.applications;
  const labelCols = 3;
  const grid = new GridBuilder();
  grid.add({ r: 0, c: 0, rowSpan: 2, colSpan: labelCols, text: note, header: true });
  for (const [group, first, last] of runs(applicants, (a) => a.group)) {
    if (group) {
      grid.add({ r: 0, c: labelCols + first, colSpan: last - first + 1, text: group, header: true });
      for (let i = first; i <= last; i++) grid.add({ r: 1, c: labelCols + i, text: applicants[i].label, header: true });
    } else {
      for (let i = first; i <= last; i++) grid.add({ r: 0, c: labelCols + i, rowSpan: 2, text: applicants[i].label, header: true });
    }
  }
  const top = 2;
  const paths = applicationRowPath(spec);
  for (const [outer, first, last] of runs(rows, (row) => paths.get(row.code)!.outer)) {
    if (outer) grid.add({ r: top + first, c: 0, rowSpan: last - first + 1, text: outer, header: true });
    for (const [inner, a, b] of runs(rows.slice(first, last + 1), (row) => paths.get(row.code)!.inner)) {
      if (inner) grid.add({ r: top + first + a, c: 1, rowSpan: b - a + 1, text: inner, header: true });
    }
  }
  rows.forEach((row, i) => {
    const path = paths.get(row.code)!;
    const c = path.inner ? 2 : path.outer ? 1 : 0;
    grid.add({ r: top + i, c, colSpan: labelCols - c, text: row.label, header: true });
    applicants.forEach((a, k) => grid.add({ r: top + i, c: labelCols + k, cell: { row: row.code, column: a.code } }));
  });
  return { rows: grid.rows, cols: labelCols + applicants.length, cells: grid.cells };
}

/** 表四: groups under their parents (行政诉讼), the outcomes under each group, one row of values. */
function reviewsGrid(spec: FormatSpec): Omit<TableGrid, 'table' | 'sectionNumber' | 'title'> {
  const { groups, outcomes } = spec.reviewsAndLitigation;
  const width = outcomes.length;
  const grid = new GridBuilder();
  for (const [parent, first, last] of runs(groups, (g) => g.parent)) {
    if (parent) grid.add({ r: 0, c: first * width, colSpan: (last - first + 1) * width, text: parent, header: true });
    for (let i = first; i <= last; i++) grid.add({ r: parent ? 1 : 0, c: i * width, rowSpan: parent ? 1 : 2, colSpan: width, text: groups[i].label, header: true });
  }
  groups.forEach((g, i) =>
    outcomes.forEach((o, k) => {
      grid.add({ r: 2, c: i * width + k, text: o.label, header: true });
      grid.add({ r: 3, c: i * width + k, cell: { row: g.code, column: o.code } });
    }),
  );
  return { rows: grid.rows, cols: groups.length * width, cells: grid.cells };
}

const GRIDS: Record<TableName, (spec: FormatSpec) => Omit<TableGrid, 'table' | 'sectionNumber' | 'title'>> = {
  proactiveDisclosure: disclosureGrid,
  applications: applicationsGrid,
  reviewsAndLitigation: reviewsGrid,
};

/** The three tables of a format version in the official layout. */
export function tableGrids(version: FormatVersion): TableGrid[] {
  const spec = formatSpec(version);
  return TABLE_NAMES.map((table) => {
    const s = section(spec, table);
    return { table, sectionNumber: s.number, title: s.title, ...GRIDS[table](spec) };
  });
}

/** An exact decimal as printed: `100.000000` → `100`, `4166.240000` → `4166.24`. */
export const plainDecimal = (text: string) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

/** One cell of a table as a flat column (an export's column). */
export interface CellColumn {
  table: TableName;
  row: string;
  column: string;
  /** `表三｜三、本年度办理结果（三）不予公开 1.属于国家秘密｜法人或其他组织 商业企业`: unique over all formats. */
  label: string;
}

function formatColumns(spec: FormatSpec): CellColumn[] {
  const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ');
  const name = (table: TableName) => `表${CHINESE_NUMERALS[section(spec, table).number]}`;
  const paths = applicationRowPath(spec);
  return [
    ...spec.proactiveDisclosure.flatMap((g) =>
      g.items.flatMap((item) => g.measures.map((m) => ({ table: 'proactiveDisclosure' as const, row: item.code, column: m.code, label: `${name('proactiveDisclosure')}｜${join(g.article, item.label)}｜${m.label}` }))),
    ),
    ...spec.applications.rows.flatMap((row) => {
      const path = paths.get(row.code)!;
      return spec.applications.applicants.map((a) => ({
        table: 'applications' as const,
        row: row.code,
        column: a.code,
        label: `${name('applications')}｜${join(path.outer, path.inner, row.label)}｜${join(a.group, a.label)}`,
      }));
    }),
    ...spec.reviewsAndLitigation.groups.flatMap((g) =>
      spec.reviewsAndLitigation.outcomes.map((o) => ({ table: 'reviewsAndLitigation' as const, row: g.code, column: o.code, label: `${name('reviewsAndLitigation')}｜${join(g.parent, g.label)}｜${o.label}` })),
    ),
  ];
}

/** Every cell of every format version, once (the newest format's label where versions share a cell), newest format's order first. */
export const CELL_COLUMNS: readonly CellColumn[] = (() => {
  const seen = new Map<string, CellColumn>();
  for (const spec of catalog.formats) for (const column of formatColumns(spec)) {
    const key = `${column.table}.${column.row}.${column.column}`;
    if (!seen.has(key)) seen.set(key, column);
  }
  return [...seen.values()];
})();
