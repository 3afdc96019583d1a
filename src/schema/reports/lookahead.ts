/**
 * Which parts of a report a request asks for, read from the query before any report is loaded,
 * so the one statement that reads the reports brings those parts along (and no others). Of a
 * table, only the rows its `cell`/`row` fields name are read when nothing asks for the whole table.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode, type ValueNode } from 'graphql';
import { partBit, SLIM_AGENCY_FIELDS, SLIM_REPORT_FIELDS, type PartRequest, type TablePart } from '../../store/reports/sql.js';
import { REPORT_PARTS, type ReportPart } from '../../store/reports/views.js';

/** Report fields → the parts they read. */
const FIELD_PARTS: Record<string, readonly ReportPart[]> = {
  applications: ['applications'],
  proactiveDisclosure: ['disclosure'],
  reviewsAndLitigation: ['reviews'],
  sections: ['sections'],
  section: ['sections'],
  findings: ['findings'],
  interchange: REPORT_PARTS,
};

const TABLE_FIELDS: Record<string, TablePart> = { applications: 'applications', proactiveDisclosure: 'disclosure', reviewsAndLitigation: 'reviews' };

/**
 * Per table, the fields that read one row (and the argument that names it), and the fields that
 * read no row at all; any other field reads the whole table.
 */
const ONE_ROW: Record<TablePart, Record<string, string>> = {
  applications: { row: 'code', cell: 'row' },
  disclosure: { cell: 'item', count: 'item', amount: 'item' },
  reviews: { cell: 'group' },
};
const NO_ROW: Record<TablePart, ReadonlySet<string>> = {
  applications: new Set(['note', 'columns', '__typename']),
  disclosure: new Set(['__typename']),
  reviews: new Set(['outcomes', '__typename']),
};

/** Report fields a slim head answers: its own columns, and the fields that need only the id, agency and year. */
const SLIM_ENOUGH = new Set<string>([...SLIM_REPORT_FIELDS, ...Object.keys(FIELD_PARTS), 'previousYear', 'corrections', 'revisions', 'sourceText', '__typename']);
const SLIM_AGENCY = new Set<string>([...SLIM_AGENCY_FIELDS, '__typename']);
SLIM_ENOUGH.delete('interchange');

function collectFields(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[]): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectFields(selection.selectionSet, info, out);
    else collectFields(info.fragments[selection.name.value]?.selectionSet, info, out);
  }
}

/** The fields selected under `nodes`, through fragments and inline fragments. */
function children(nodes: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  for (const node of nodes) collectFields(node.selectionSet, info, out);
  return out;
}

function argumentValue(field: FieldNode, name: string, info: GraphQLResolveInfo): string | undefined {
  const value: ValueNode | undefined = field.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.ENUM) return value.value;
  if (value?.kind === Kind.VARIABLE) {
    const given = info.variableValues[value.name.value];
    return typeof given === 'string' ? given : undefined;
  }
  return undefined;
}

/**
 * Answers per (variables, field nodes): a table field of a list is resolved once per report, with
 * the same nodes and variables each time.
 */
const rowsMemo = new WeakMap<object, WeakMap<readonly FieldNode[], readonly string[] | 'all'>>();

/** The rows of `table` that fields selected on it read: a list, or 'all'. */
export function rowsAsked(tableFields: readonly FieldNode[], table: TablePart, info: GraphQLResolveInfo): readonly string[] | 'all' {
  let byNodes = rowsMemo.get(info.variableValues);
  if (!byNodes) rowsMemo.set(info.variableValues, (byNodes = new WeakMap()));
  let asked = byNodes.get(tableFields);
  if (asked === undefined) byNodes.set(tableFields, (asked = readRowsAsked(tableFields, table, info)));
  return asked;
}

function readRowsAsked(tableFields: readonly FieldNode[], table: TablePart, info: GraphQLResolveInfo): readonly string[] | 'all' {
  const rows = new Set<string>();
  for (const field of children(tableFields, info)) {
    const name = field.name.value;
    if (NO_ROW[table].has(name)) continue;
    const argument = ONE_ROW[table][name];
    const row = argument ? argumentValue(field, argument, info) : undefined;
    if (row === undefined) return 'all';
    rows.add(row);
  }
  return [...rows].sort();
}

/**
 * The parts asked for on the reports found by following `path` (field names) from the current
 * field: `[]` for a field that returns reports, `['edges', 'node']` for a connection of them.
 */
export function reportPartsAt(info: GraphQLResolveInfo, path: readonly string[] = []): PartRequest {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) nodes = children(nodes, info).filter((field) => field.name.value === name);
  const reportFields = children(nodes, info);
  let mask = 0;
  for (const field of reportFields) for (const part of FIELD_PARTS[field.name.value] ?? []) mask |= partBit(part);
  const rows: Partial<Record<TablePart, readonly string[]>> = {};
  for (const [fieldName, table] of Object.entries(TABLE_FIELDS)) {
    const tableFields = reportFields.filter((field) => field.name.value === fieldName);
    if (!tableFields.length || reportFields.some((field) => field.name.value === 'interchange')) continue;
    const asked = rowsAsked(tableFields, table, info);
    if (asked !== 'all') rows[table] = asked;
  }
  const slim = reportFields.every((field) => SLIM_ENOUGH.has(field.name.value) && (field.name.value !== 'agency' || children([field], info).every((f) => SLIM_AGENCY.has(f.name.value))));
  return { mask, ...(Object.keys(rows).length ? { rows } : {}), ...(slim ? { slim } : {}) };
}

/** Whether the current field's selection includes a field of this name (e.g. a connection's totalCount). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return children(info.fieldNodes, info).some((field) => field.name.value === name);
}
