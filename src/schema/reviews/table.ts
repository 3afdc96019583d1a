import { formatSpec, type FormatVersion, type Table } from '../../format/index.js';
import { builder } from '../builder.js';
import { ReviewGroupEnum, ReviewOutcomeEnum } from '../format/enums.js';

export interface ReviewsTableShape {
  formatVersion: FormatVersion;
  /** group code → outcome code → count (null: printed blank) */
  groups: Table;
}

interface GroupShape {
  code: string;
  label: string;
  parent: string | null;
  counts: Record<string, number | null> | undefined;
  outcomes: string[];
}

const ReviewOutcomeInfo = builder.simpleObject('ReviewOutcomeInfo', {
  description: 'A column of table 四 with its official label.',
  fields: (t) => ({
    code: t.field({ type: ReviewOutcomeEnum, description: 'Stable code of the column.' }),
    label: t.string({ description: 'Official label, e.g. 结果维持, 结果纠正, 总计.' }),
  }),
});

const ReviewCell = builder.simpleObject('ReviewCell', {
  description: 'One cell of table 四.',
  fields: (t) => ({
    outcome: t.field({ type: ReviewOutcomeEnum, description: 'The outcome column.' }),
    value: t.int({ nullable: true, description: 'The number printed; null when printed blank (not the same as 0).' }),
  }),
});

const ReviewsTableGroup = builder.objectRef<GroupShape>('ReviewsTableGroup').implement({
  description: 'One group of table 四 (行政复议, or 行政诉讼 未经复议直接起诉 / 复议后起诉) with its five cells.',
  fields: (t) => ({
    code: t.expose('code', { type: ReviewGroupEnum, description: 'Stable code of the group.' }),
    label: t.exposeString('label', { description: 'Official label, e.g. 行政复议, 未经复议直接起诉.' }),
    parent: t.exposeString('parent', { nullable: true, description: 'The heading above the group (行政诉讼), if any.' }),
    cells: t.field({
      type: [ReviewCell],
      description: 'The cells in official order (结果维持 … 总计).',
      resolve: (g) => g.outcomes.map((outcome) => ({ outcome, value: g.counts?.[outcome] ?? null })),
    }),
    value: t.int({
      nullable: true,
      description: 'The value of one outcome; null when blank.',
      args: { outcome: t.arg({ type: ReviewOutcomeEnum, required: true, description: 'The outcome column.' }) },
      resolve: (g, { outcome }) => g.counts?.[outcome] ?? null,
    }),
    total: t.int({ nullable: true, description: 'The 总计 column; null when blank.', resolve: (g) => g.counts?.TOTAL ?? null }),
  }),
});

export const ReviewsTable = builder.objectRef<ReviewsTableShape>('ReviewsTable').implement({
  description: 'Table 四 政府信息公开行政复议、行政诉讼情况: administrative reviews and lawsuits about disclosure, by outcome.',
  fields: (t) => ({
    outcomes: t.field({
      type: [ReviewOutcomeInfo],
      description: 'The five outcome columns in official order.',
      resolve: (table) => formatSpec(table.formatVersion).reviewsAndLitigation.outcomes,
    }),
    groups: t.field({
      type: [ReviewsTableGroup],
      description: 'The three groups in official order.',
      resolve: (table) => {
        const spec = formatSpec(table.formatVersion).reviewsAndLitigation;
        const outcomes = spec.outcomes.map((o) => o.code);
        return spec.groups.map((g) => ({ ...g, counts: table.groups[g.code], outcomes }));
      },
    }),
    cell: t.int({
      nullable: true,
      description: 'One cell, e.g. cell(group: ADMINISTRATIVE_REVIEW, outcome: TOTAL); null when blank.',
      args: {
        group: t.arg({ type: ReviewGroupEnum, required: true, description: 'The group.' }),
        outcome: t.arg({ type: ReviewOutcomeEnum, required: true, description: 'The outcome column.' }),
      },
      resolve: (table, { group, outcome }) => table.groups[group]?.[outcome] ?? null,
    }),
  }),
});
