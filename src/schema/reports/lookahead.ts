/**
 * Which parts of a report a request asks for, read from the query before any report is loaded,
 * so the one statement that reads the reports brings those parts along (and no others).
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { partBit, type PartMask } from '../../store/reports/sql.js';
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

/** The fields selected under `nodes`, through fragments and inline fragments. */
function children(nodes: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return out;
}

/**
 * The parts asked for on the reports found by following `path` (field names) from the current
 * field: `[]` for a field that returns reports, `['edges', 'node']` for a connection of them.
 */
export function reportPartsAt(info: GraphQLResolveInfo, path: readonly string[] = []): PartMask {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) nodes = children(nodes, info).filter((field) => field.name.value === name);
  let mask = 0;
  for (const field of children(nodes, info)) for (const part of FIELD_PARTS[field.name.value] ?? []) mask |= partBit(part);
  return mask;
}

/** Whether the current field's selection includes a field of this name (e.g. a connection's totalCount). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return children(info.fieldNodes, info).some((field) => field.name.value === name);
}
