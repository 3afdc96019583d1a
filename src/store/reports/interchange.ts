/** A report read by the read path, as the interchange JSON the parser emits and the import accepts. */
import type { Finding, InterchangeReport, Table } from '../../format/index.js';
import { interchangeOf } from '../services/interchange.js';
import type { DisclosureCells, FindingView, ReportParts, ReportView } from './views.js';

function disclosureNumbers(cells: DisclosureCells): Table {
  return Object.fromEntries(
    Object.entries(cells).map(([item, measures]) => [item, Object.fromEntries(Object.entries(measures).map(([measure, value]) => [measure, value === null ? null : Number(value)]))]),
  );
}

export function findingInterchange(f: FindingView): Finding {
  return {
    rule: f.rule,
    severity: f.severity,
    ...(f.code ? { code: f.code, params: f.params ?? {} } : {}),
    message: f.message,
    cells: f.cells,
    ...(f.expected !== null ? { expected: Number(f.expected) } : {}),
    ...(f.actual !== null ? { actual: Number(f.actual) } : {}),
  };
}

/** The whole report, tables in catalog order, with its stored findings. */
export function reportInterchange(view: ReportView & Required<Omit<ReportParts, 'rowsRead'>>): InterchangeReport {
  const head = { formatVersion: view.formatVersion, year: view.year, agencyName: view.agency.name, title: view.title };
  const parts = { sections: view.sections, proactiveDisclosure: disclosureNumbers(view.disclosure), applications: view.applications, reviewsAndLitigation: view.reviews };
  return { ...interchangeOf(head, parts), findings: view.findings.map(findingInterchange) };
}
