/** The vocabulary of statistics: which measure, grouped how, and what comes back for each group. */
import { GraphQLError } from 'graphql';
import { MEASURE_KINDS, MeasureError, buildMeasure, type Measure as MeasureSpec, type MeasureRequest } from '../../store/services/measures.js';
import type { MeasureResult } from '../../store/services/statistics.js';
import { STAT_DIMENSIONS } from '../../store/services/statistics.js';
import { builder } from '../builder.js';
import { ApplicantColumnEnum, ApplicationRowEnum, DisclosureItemEnum, DisclosureMeasureEnum, ReviewGroupEnum, ReviewOutcomeEnum } from '../format/enums.js';

// Rate descriptions reuse the measure labels, which are built from the catalog's official wording.
const rate = (kind: (typeof MEASURE_KINDS)[number], extra = '') => `${buildMeasure({ kind, applicationRow: 'WITHHELD_STATE_SECRET' }).label}${extra}. A fraction 0–1.`;
const KIND_DESCRIPTIONS: Record<(typeof MEASURE_KINDS)[number], string> = {
  APPLICATION_CELL: 'Sum of one cell of table 三: `applicationRow` × `applicantColumn` (default TOTAL).',
  DISCLOSURE_CELL: 'Sum of one cell of table 二: `disclosureItem` × `disclosureMeasure` (amounts in 万元 as printed).',
  REVIEW_CELL: 'Sum of one cell of table 四: `reviewGroup` × `reviewOutcome`.',
  DISCLOSURE_RATE: rate('DISCLOSURE_RATE', '; `applicantColumn` picks the column (default TOTAL)'),
  REFUSAL_RATE: rate('REFUSAL_RATE', ': every refusal row (WITHHELD_*, UNAVAILABLE_*, NOT_PROCESSED_*) summed'),
  REFUSAL_SHARE: 'Share of one refusal reason: `applicationRow` (a WITHHELD_*, UNAVAILABLE_* or NOT_PROCESSED_* row) ÷ OUTCOME_TOTAL. A fraction 0–1.',
  REVIEW_CORRECTION_RATE: rate('REVIEW_CORRECTION_RATE'),
  LITIGATION_CORRECTION_RATE: rate('LITIGATION_CORRECTION_RATE', ', both litigation groups pooled'),
};

export const MeasureKindEnum = builder.enumType('MeasureKind', {
  description: 'What to compute: a table cell, or a rate derived from cells.',
  values: Object.fromEntries(MEASURE_KINDS.map((k) => [k, { value: k, description: KIND_DESCRIPTIONS[k] }])) as Record<(typeof MEASURE_KINDS)[number], { value: (typeof MEASURE_KINDS)[number]; description: string }>,
});

export const MeasureInput = builder.inputType('MeasureInput', {
  description: 'One measure. `kind` says which; the other fields name the cell for the kinds that need one.',
  fields: (t) => ({
    kind: t.field({ type: MeasureKindEnum, required: true, description: 'What to compute.' }),
    applicationRow: t.field({ type: ApplicationRowEnum, description: 'Row of table 三 (APPLICATION_CELL, REFUSAL_SHARE).' }),
    applicantColumn: t.field({ type: ApplicantColumnEnum, description: 'Column of table 三 (APPLICATION_CELL and the application rates); default TOTAL (总计).' }),
    disclosureItem: t.field({ type: DisclosureItemEnum, description: 'Item of table 二 (DISCLOSURE_CELL).' }),
    disclosureMeasure: t.field({ type: DisclosureMeasureEnum, description: 'Measure of table 二 (DISCLOSURE_CELL).' }),
    reviewGroup: t.field({ type: ReviewGroupEnum, description: 'Group of table 四 (REVIEW_CELL).' }),
    reviewOutcome: t.field({ type: ReviewOutcomeEnum, description: 'Outcome column of table 四 (REVIEW_CELL).' }),
  }),
});

export function toMeasure(input: typeof MeasureInput.$inferInput): MeasureSpec {
  try {
    return buildMeasure(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as unknown as MeasureRequest);
  } catch (error) {
    if (error instanceof MeasureError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
}

export const StatisticsDimensionEnum = builder.enumType('StatisticsDimension', {
  description: 'What to group reports by.',
  values: Object.fromEntries(
    STAT_DIMENSIONS.map((d) => [
      d,
      {
        value: d,
        description: {
          YEAR: 'Statistical year (统计年度). Adds year-over-year values to each group.',
          REGION: 'Region at `regionLevel`: province, prefecture or county. An agency above that level counts under its own region; a municipality’s districts count under the municipality at prefecture level; a province-managed county counts as its own prefecture.',
          AGENCY: 'Issuing agency (发布机关).',
          AGENCY_LEVEL: 'Administrative level of the agency (国家级、省级、地市级、县级、乡镇).',
          FORMAT_VERSION: 'Format the report follows (2019 trial format or 2021 format).',
        }[d],
      },
    ]),
  ) as Record<(typeof STAT_DIMENSIONS)[number], { value: (typeof STAT_DIMENSIONS)[number]; description: string }>,
});

export const Measure = builder.objectRef<MeasureSpec>('Measure').implement({
  description: 'A measure as computed, with its official labels.',
  fields: (t) => ({
    kind: t.expose('kind', { type: MeasureKindEnum, description: 'What is computed.' }),
    label: t.exposeString('label', { description: 'The official labels of the cells involved, e.g. 一、本年新收政府信息公开申请数量 × 总计.' }),
    shortLabel: t.exposeString('shortLabel', { description: 'A few characters for a chart legend, e.g. 新收申请, 公开率, 行政处罚·处理决定 (the column is named when it is not 总计).' }),
    isRate: t.exposeBoolean('rate', { description: 'True for a rate (a fraction 0–1), false for a sum of cells.' }),
  }),
});

export const MeasureValue = builder.objectRef<MeasureResult>('MeasureValue');
MeasureValue.implement({
  description:
    'A measure over one group of reports. Blank cells (printed empty, stored NULL) are never read as 0: a report is counted for a measure only when every cell the measure reads is printed; otherwise it is excluded from that measure entirely (from numerator and denominator alike). Rates are pooled: Σ numerator ÷ Σ denominator over the counted reports.',
  fields: (t) => ({
    value: t.float({ nullable: true, description: 'The sum (cell measures) or the rate 0–1 (rates). Null when no report was counted, or a rate’s denominator is 0.', resolve: (v) => v.value }),
    numerator: t.float({ nullable: true, description: 'Σ of the numerator cells over the counted reports (the sum itself for cell measures).', resolve: (v) => v.numerator }),
    denominator: t.float({ nullable: true, description: 'Σ of the denominator over the counted reports (rates only; null for cell measures).', resolve: (v) => v.denominator }),
    reportsCounted: t.int({ description: 'Reports of the group whose cells for this measure are all printed.', resolve: (v) => v.counted }),
    reportsExcluded: t.int({ description: 'Reports of the group left out because a cell this measure reads is blank (or its row is absent from their format).', resolve: (v) => v.excluded }),
    previousYear: t.field({ type: MeasureValue, nullable: true, description: 'The same group one year earlier (when grouped by YEAR and it has reports then).', resolve: (v) => v.previous }),
    change: t.float({ nullable: true, description: 'value − previousYear.value (year-over-year change; null when either is null).', resolve: (v) => (v.value !== null && v.previous?.value != null ? v.value - v.previous.value : null) }),
    changeRatio: t.float({
      nullable: true,
      description: '(value − previousYear.value) ÷ previousYear.value (relative change; null when either is null or the previous value is 0).',
      resolve: (v) => (v.value !== null && v.previous?.value ? (v.value - v.previous.value) / v.previous.value : null),
    }),
  }),
});
