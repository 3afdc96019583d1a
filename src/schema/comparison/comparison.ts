/** Report.comparison: a report beside another (by default the same agency's previous year). */
import { CELL_CHANGE_KINDS, cellLabel, type CellChange, type SectionComparison, type SentenceChange } from '../../format/index.js';
import type { ReportComparison as ComparisonShape } from '../../store/comparison/compare.js';
import { builder } from '../builder.js';
import { COMPARISON_COST } from '../costs.js';
import { SectionCodeEnum } from '../format/enums.js';
import { expectGlobalId } from '../global-id.js';
import { Report } from '../reports/report.js';

const TABLE_VALUES = { PROACTIVE_DISCLOSURE: 'proactiveDisclosure', APPLICATIONS: 'applications', REVIEWS_AND_LITIGATION: 'reviewsAndLitigation' } as const;

const ReportTableEnum = builder.enumType('ReportTable', {
  description: 'The three tables of a report.',
  values: {
    PROACTIVE_DISCLOSURE: { value: TABLE_VALUES.PROACTIVE_DISCLOSURE, description: '表二 主动公开政府信息情况 (items × measures).' },
    APPLICATIONS: { value: TABLE_VALUES.APPLICATIONS, description: '表三 收到和处理政府信息公开申请情况 (rows × applicant columns).' },
    REVIEWS_AND_LITIGATION: { value: TABLE_VALUES.REVIEWS_AND_LITIGATION, description: '表四 政府信息公开行政复议、行政诉讼情况 (groups × outcomes).' },
  },
});

const CELL_CHANGE_DESCRIPTIONS: Record<(typeof CELL_CHANGE_KINDS)[number], string> = {
  UNCHANGED: 'Printed in both, the same number.',
  CHANGED: 'Printed in both, different numbers (see `delta`).',
  NOW_BLANK: 'Printed before, blank now (a blank is not a zero: no delta).',
  NOW_PRINTED: 'Blank before, printed now (no delta).',
  BOTH_BLANK: 'Blank in both.',
  ONLY_BEFORE: 'Only the earlier report’s format has this cell.',
  ONLY_AFTER: 'Only the later report’s format has this cell.',
};

const CellChangeKindEnum = builder.enumType('CellChangeKind', {
  description: 'How a cell changed between the two reports.',
  values: Object.fromEntries(CELL_CHANGE_KINDS.map((k) => [k, { value: k, description: CELL_CHANGE_DESCRIPTIONS[k] }])) as Record<string, { value: string; description: string }>,
});

type CellChangeShape = CellChange & { formatVersion: ComparisonShape['after']['formatVersion'] };

const CellChangeType = builder.objectRef<CellChangeShape>('CellChange').implement({
  description: 'One cell of the three tables in both reports. Numbers are exact decimals (counts are whole numbers).',
  fields: (t) => ({
    table: t.expose('table', { type: ReportTableEnum, description: 'The table.' }),
    row: t.exposeString('row', { description: 'Row code (表三 row, 表二 item, 表四 group), as in the table’s enum.' }),
    column: t.exposeString('column', { description: 'Column code (applicant column, 表二 measure, 表四 outcome).' }),
    cell: t.exposeString('cell', { description: 'The cell path, as findings cite it: applications.NEW_RECEIVED.TOTAL.' }),
    label: t.string({ description: 'The official labels of row and column, e.g. 一、本年新收政府信息公开申请数量 / 总计.', resolve: (c) => cellLabel(c.cell, c.formatVersion) }),
    before: t.field({ type: 'Decimal', nullable: true, description: 'The earlier report’s value; null when blank or not in its format (see `kind`).', resolve: (c) => c.before ?? null }),
    after: t.field({ type: 'Decimal', nullable: true, description: 'The later report’s value; null when blank or not in its format (see `kind`).', resolve: (c) => c.after ?? null }),
    delta: t.field({ type: 'Decimal', nullable: true, description: 'after − before when both are printed; null otherwise (never a blank read as 0).', resolve: (c) => c.delta }),
    kind: t.expose('kind', { type: CellChangeKindEnum, description: 'How it changed.' }),
    isAmount: t.exposeBoolean('isAmount', { description: 'True for amounts in 万元, false for counts.' }),
  }),
});

const SentenceChangeKindEnum = builder.enumType('SentenceChangeKind', {
  description: 'A sentence of a part, compared with the earlier report’s same part.',
  values: { SAME: { description: 'Copied unchanged from the earlier report.' }, ADDED: { description: 'Only in the later report.' }, REMOVED: { description: 'Only in the earlier report.' } },
});

const SentenceChangeType = builder.objectRef<SentenceChange>('SentenceChange').implement({
  description: 'One sentence of a part (split after 。！？； and at line breaks).',
  fields: (t) => ({
    kind: t.expose('kind', { type: SentenceChangeKindEnum, description: 'Same, added or removed.' }),
    text: t.exposeString('text', { description: 'The sentence as printed.' }),
  }),
});

const SectionComparisonType = builder.objectRef<SectionComparison>('SectionComparison').implement({
  description: 'One part of the report, its text compared sentence by sentence with the earlier report’s.',
  fields: (t) => ({
    code: t.expose('code', { type: SectionCodeEnum, description: 'The part.' }),
    title: t.exposeString('title', { description: 'Its heading as printed (the later report’s, when it has the part).' }),
    sentencesBefore: t.exposeInt('sentencesBefore', { description: 'Sentences in the earlier report’s part.' }),
    sentencesAfter: t.exposeInt('sentencesAfter', { description: 'Sentences in the later report’s part.' }),
    copiedSentences: t.exposeInt('copiedSentences', { description: 'Sentences of the later part copied unchanged from the earlier one.' }),
    copiedShare: t.float({
      nullable: true,
      description: 'Share of the later part’s text (by characters) copied unchanged from the earlier report, 0–1; null when the later report lacks the part.',
      resolve: (s) => s.copiedShare,
    }),
    changes: t.field({
      type: [SentenceChangeType],
      description: 'The sentences in reading order, each SAME, ADDED or REMOVED.',
      args: { changedOnly: t.arg.boolean({ defaultValue: false, description: 'Leave out the sentences copied unchanged.' }) },
      resolve: (s, { changedOnly }) => (changedOnly ? s.changes.filter((c) => c.kind !== 'SAME') : s.changes),
    }),
  }),
});

const ReportComparisonType = builder.objectRef<ComparisonShape>('ReportComparison').implement({
  description: 'Two reports side by side: every cell’s change and each part’s text changes, the earlier statistical year as “before”.',
  fields: (t) => ({
    before: t.expose('before', { type: Report, description: 'The earlier report.' }),
    after: t.expose('after', { type: Report, description: 'The later report.' }),
    cells: t.field({
      type: [CellChangeType],
      description: 'Every cell of the three tables (表二, 表三, 表四 in official order, over both reports’ formats).',
      args: { changedOnly: t.arg.boolean({ defaultValue: false, description: 'Only cells whose kind is not UNCHANGED or BOTH_BLANK.' }) },
      resolve: (c, { changedOnly }) =>
        c.cells.filter((cell) => !changedOnly || (cell.kind !== 'UNCHANGED' && cell.kind !== 'BOTH_BLANK')).map((cell) => ({ ...cell, formatVersion: c.after.formatVersion })),
    }),
    changedCells: t.int({ description: 'Cells printed in both with different numbers, or printed in one and blank in the other.', resolve: (c) => c.cells.filter((x) => ['CHANGED', 'NOW_BLANK', 'NOW_PRINTED'].includes(x.kind)).length }),
    sections: t.expose('sections', { type: [SectionComparisonType], description: 'Each part present in either report, in official order.' }),
  }),
});

builder.objectField(Report, 'comparison', (t) =>
  t.field({
    type: ReportComparisonType,
    nullable: true,
    complexity: COMPARISON_COST,
    description: 'This report compared with another: by default the same agency’s report of the year before. Null when that report is not stored (or not visible).',
    args: { with: t.arg.id({ description: 'The report to compare with (its global ID); default: the same agency’s previous year.' }) },
    resolve: (r, args, ctx) => ctx.loaders.comparison(r.id, args.with ? expectGlobalId(String(args.with), 'Report') : null),
  }),
);
