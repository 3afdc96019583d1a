/** The findings in English (on `Accept-Language: en`). Official labels stay Chinese: they are the format's words. */
import { formatSpec, labels, type FormatVersion } from '../catalog.js';
import { cellLabel } from '../cell-labels.js';
import type { EquationSnapshot } from './codes.js';
import { scopeText, sideText, type EquationWords } from './equations.js';
import type { Templates } from './templates.js';

const words: EquationWords = {
  blank: 'blank',
  scope: {
    column: (label, code) => `column ${label} (${code})`,
    row: (label, code) => `row ${label} (${code})`,
    group: (label, code) => `表四 group ${label} (${code})`,
  },
  otherRowsZero: (n) => ` (the other ${n} rows are 0)`,
};

function why(rule: string, version: FormatVersion): string {
  const spec = formatSpec(version);
  const total = labels.applicant('TOTAL', version);
  if (rule === 'R1') return `the form prints the rule for every column: ${spec.applications.note}`;
  if (rule === 'R2') return `${total} must be the sum of the six applicant columns`;
  if (rule === 'R3') return `${labels.applicationRow('OUTCOME_TOTAL', version)} must be the sum of the outcome rows`;
  return `${total} must be ${spec.reviewsAndLitigation.outcomes.filter((o) => o.code !== 'TOTAL').map((o) => o.label).join(' + ')}`;
}

const equation = (eq: EquationSnapshot, v: FormatVersion) =>
  `${eq.rule} in ${scopeText(words, eq.scope, v)} (${sideText(words, eq, eq.left, v)} vs ${sideText(words, eq, eq.right, v)})`;
const because = (reasons: { equation: EquationSnapshot; value: number }[], v: FormatVersion) => reasons.map((r) => `${equation(r.equation, v)} gives ${r.value}`).join('; ');
const names = (cells: string[], v: FormatVersion) => cells.map((c) => cellLabel(c, v)).join(', ');
const where = (cell: string, v: FormatVersion) => `${cellLabel(cell, v)} (${cell})`;

const UNREADABLE = {
  COUNT_WITH_DECIMALS: () => 'a count cannot have decimals',
  MALFORMED_NUMBER: () => 'not a well-formed number',
  NOT_APPLICABLE_MARKER: () => 'a not-applicable marker, not a number',
  NEGATIVE_COUNT: () => 'a negative value in a column of counts',
  UNIT_UNKNOWN: (unit?: string) => `the amount is in ${unit} but the column has no fixed unit`,
  COLUMN_UNKNOWN: () => "the row's printed values cannot be placed in their columns from the layout (a column is blank in every row and the header does not line up with the numbers); not guessed",
  NUMBER_TOO_LARGE: () => 'beyond what can be stored (counts up to 2000000000, amounts below 100000000000000 万元)',
  BEYOND_PRECISION: () => 'an amount with more digits than can be kept exactly (at most 6 decimal places in 万元, 15 significant digits)',
};

export const en: Templates = {
  EQUATION_FAILS: ({ formatVersion: v, equation: eq, blanksCountedAsZero }) =>
    `${eq.rule} fails in ${scopeText(words, eq.scope, v)}: ${sideText(words, eq, eq.left, v)}, but ${sideText(words, eq, eq.right, v)}; ${why(eq.rule, v)}.` +
    (blanksCountedAsZero ? ' The blank cells are counted as 0 here; no value of them can make the sides equal, since they sit on the larger side.' : ''),
  BLANK_IMPLIED: ({ formatVersion: v, cell, value, reasons }) =>
    `B1: the cell ${where(cell, v)} is blank, but the other cells require ${value} there: ${because(reasons, v)}. ` +
    'A blank cell is not a zero, and this one hides a non-zero figure; the value is not filled in.',
  BLANK_DISPUTED: ({ formatVersion: v, cell, reasons }) => `B1: the cell ${where(cell, v)} is blank, and the equations disagree on its value: ${because(reasons, v)}.`,
  BLANKS_SHARE_AMOUNT: ({ formatVersion: v, equation: eq, cells, amount }) =>
    `B1: ${equation(eq, v)} balances only if the blank cells ${names(cells, v)} together hold ${amount}; which of them holds what cannot be told.`,
  BLANKS_STILL_UNBALANCED: ({ formatVersion: v, equation: eq, cells, amount }) =>
    `B1: ${equation(eq, v)} does not balance even with the values implied for its blank cells (${names(cells, v)}): off by ${amount}.`,
  CARRIED_OVER_MISMATCH: (p) =>
    `X1 fails in column ${labels.applicant(p.column, p.formatVersion)} (${p.column}): ${labels.applicationRow('CARRIED_OVER', p.formatVersion)} of ${p.year} is ${p.value}, ` +
    `but ${labels.applicationRow('CARRIED_FORWARD', p.previousFormatVersion)} of ${p.previousYear} was ${p.previousValue}; what one year carries forward is what the next year carries over.`,
  IN_FORCE_MISMATCH: (p) => {
    const m = (code: string) => labels.proactiveMeasure(code, p.formatVersion) ?? code;
    return (
      `X2 (informational): ${labels.proactiveItem(p.item, p.formatVersion)} ${m('IN_FORCE')} of ${p.year} is ${p.inForce}, but ` +
      `${m('IN_FORCE')} of ${p.previousYear} ${p.previousInForce} + ${m('ISSUED')} ${p.issued} − ${m('REPEALED')} ${p.repealed} = ${p.expected}; ` +
      'often documents expire or are cleaned up without being 废止, so this is not necessarily an error.'
    );
  },
  QUOTED_FIGURE_MISMATCH: (p) =>
    `X3: the text of ${p.section} says "${p.quote}" (${p.value}), but the table gives ${p.tables.map((t) => `${t.cells.map((c) => cellLabel(c, p.formatVersion)).join(' + ')} = ${t.value}`).join(', nor ')}; ` +
    'the figures quoted in the report should match its tables.',
  YEAR_FROM_FILE_NAME: (p) => `No statistical year in the text; took ${p.year} from the file name ${p.fileName}`,
  SECTION_HEADING_MISSING: (p) => `part ${p.number} (${p.title}) has no printed heading; it was taken to start where its table starts`,
  SECTION_FIVE_START_INFERRED: (p) => `part 五 (${p.title}) has no printed heading; it was taken to start at "${p.start}" after 表四`,
  CELL_UNREADABLE: (p) => `${p.cell}: printed "${p.printed}" read as blank: ${UNREADABLE[p.reason](p.unit)}`,
  DISCLOSURE_ROW_SHORT: (p) => `row ${p.item} of 表二 has ${p.found} value(s) for ${p.columns} columns ("${p.printed}"); left blank`,
  DISCLOSURE_GLUED_UNSPLITTABLE: (p) => `表二 ${p.item}: glued digits cannot be cut into ${p.columns} numbers; left blank`,
  DISCLOSURE_GLUED_UNDECIDED: (p) => `表二 ${p.item}: glued digits "${p.digits}" have ${p.count} possible splits (${p.candidates.join('; ')}…) and no rule decides them; left blank`,
  DISCLOSURE_GLUED_CHOSEN: (p) =>
    `表二 ${p.item}: glued digits have ${p.count} possible splits (${p.candidates.join('; ')}…); chose ${p.chosen} by ${p.basis === 'NARRATIVE' ? 'numbers quoted in the narrative' : 'plausibility (no printed rule decides)'}`,
  APPLICATIONS_VALUES_BEFORE_LABELS: () =>
    '表三: every row prints its values before its label (nothing follows the last label, a full row precedes the first); read each label with the values before it',
  APPLICATIONS_STRAY_VALUES: (p) => `表三: ignored stray value(s) "${p.printed}" after the label of row ${p.row}: they fit no row of ${p.columns} columns`,
  APPLICATIONS_ROWS_NOT_FOUND: (p) => `表三: the label of row(s) ${p.rows.join(', ')} was not found (the layout may have garbled or split it); left blank`,
  LABEL_TRUNCATED: (p) => `${p.table}: only “${p.printed}” of row ${p.row}’s label is printed before its values (the layout moved the rest elsewhere or dropped it); no other row’s label starts so, so the values were read as that row’s`,
  DISCLOSURE_ITEMS_NOT_FOUND: (p) => `表二: the label of row(s) ${p.items.join(', ')} was not found (the layout may have garbled or split it); left blank`,
  ROWS_WITHOUT_VALUES: (p) => `${p.table}: no value and no empty cell follows the label of row(s) ${p.rows.join(', ')} (the layout may have moved the values elsewhere); left blank`,
  APPLICATIONS_UNLABELLED_ROWS: (p) =>
    `表三: ${p.rows} value row(s) without a label between ${p.from ?? 'the start'} and ${p.to ?? 'the end'}, but ${p.free} unlabelled row(s) there; cannot tell which is which, left blank`,
  GLUED_UNSOLVABLE: (p) => `${p.table}: glued digits could not be split so that R1–R4 hold; cells left blank`,
  GLUED_SPLIT_CHOSEN: (p) => `${p.table}: glued digits have ${p.count} splits allowed by R1–R4 (${p.candidates.join('; ')}); chose ${p.chosen} (most even digit lengths)`,
  REVIEWS_LABELLED_MISSING: (p) => `表四: printed one labelled cell per line; ${p.missing} of ${p.total} cells not found, left blank`,
  REVIEWS_CELLS_MISSING: (p) => `表四: found ${p.found} of ${p.total} cells; the rest left blank`,
  REVIEWS_REASSEMBLED: () =>
    '表四: cells were printed out of reading order; groups reassembled so each 总计 equals its four outcomes and ordered by where their 总计 appears — check against the source',
};

