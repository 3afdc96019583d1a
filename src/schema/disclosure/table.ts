import { MONEY_MEASURES, formatSpec, type FormatVersion } from '../../format/index.js';
import type { DisclosureCells } from '../../store/reports/views.js';
import { builder } from '../builder.js';
import { DisclosureItemEnum, DisclosureMeasureEnum } from '../format/enums.js';

export interface DisclosureTableShape {
  formatVersion: FormatVersion;
  /** item → measure → exact decimal text, null when blank */
  cells: DisclosureCells;
}

interface GroupShape {
  article: string;
  items: { code: string; label: string }[];
  measures: { code: string; label: string }[];
  table: DisclosureTableShape;
}

interface ItemShape {
  code: string;
  label: string;
  measures: { code: string; label: string }[];
  table: DisclosureTableShape;
}

const DisclosureMeasureInfo = builder.simpleObject('DisclosureMeasureInfo', {
  description: 'A column of a table 二 sub-table with its official label.',
  fields: (t) => ({
    code: t.field({ type: DisclosureMeasureEnum, description: 'Stable code of the measure.' }),
    label: t.string({ description: 'Official label, e.g. 本年制发件数, 本年收费金额（单位：万元）.' }),
  }),
});

const DisclosureCell = builder.simpleObject('DisclosureCell', {
  description: 'One cell of table 二.',
  fields: (t) => ({
    measure: t.field({ type: DisclosureMeasureEnum, description: 'The measure (column).' }),
    value: t.field({ type: 'Decimal', nullable: true, description: 'The number printed (a count, or an amount in 万元 for FEE_AMOUNT); null when blank.' }),
    isAmount: t.boolean({ description: 'True for money amounts (decimals allowed), false for counts.' }),
  }),
});

const DisclosureItemRow = builder.objectRef<ItemShape>('DisclosureItemRow').implement({
  description: 'One item (信息内容) of table 二 with its cells.',
  fields: (t) => ({
    code: t.field({ type: DisclosureItemEnum, description: 'Stable code of the item.', resolve: (i) => i.code }),
    label: t.exposeString('label', { description: 'Official label in this report’s format version, e.g. 行政规范性文件 (2019: 规范性文件).' }),
    cells: t.field({
      type: [DisclosureCell],
      description: 'The cells in official column order.',
      resolve: (i) =>
        i.measures.map((m) => ({ measure: m.code, value: i.table.cells[i.code]?.[m.code] ?? null, isAmount: MONEY_MEASURES.has(m.code) })),
    }),
  }),
});

const DisclosureGroup = builder.objectRef<GroupShape>('DisclosureGroup').implement({
  description: 'A sub-table of table 二, headed by the article of 条例第二十条 it reports on.',
  fields: (t) => ({
    article: t.exposeString('article', { description: 'The heading, e.g. 第二十条第（一）项.' }),
    measures: t.field({ type: [DisclosureMeasureInfo], description: 'The columns in official order.', resolve: (g) => g.measures }),
    items: t.field({
      type: [DisclosureItemRow],
      description: 'The rows in official order.',
      resolve: (g) => g.items.map((item) => ({ ...item, measures: g.measures, table: g.table })),
    }),
  }),
});

export const DisclosureTable = builder.objectRef<DisclosureTableShape>('DisclosureTable').implement({
  description: 'Table 二 主动公开政府信息情况: proactive disclosure under 条例第二十条, as sub-tables in official order.',
  fields: (t) => ({
    groups: t.field({
      type: [DisclosureGroup],
      description: 'The sub-tables (four in the 2021 format, five in 2019).',
      resolve: (table) => formatSpec(table.formatVersion).proactiveDisclosure.map((g) => ({ ...g, table })),
    }),
    cell: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'One cell, e.g. cell(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS); null when blank or not in this format.',
      args: {
        item: t.arg({ type: DisclosureItemEnum, required: true, description: 'The item (row).' }),
        measure: t.arg({ type: DisclosureMeasureEnum, required: true, description: 'The measure (column).' }),
      },
      resolve: (table, { item, measure }) => table.cells[item]?.[measure] ?? null,
    }),
  }),
});
