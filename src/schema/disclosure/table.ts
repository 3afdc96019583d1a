import { MONEY_MEASURES, formatSpec, type FormatVersion } from '../../format/index.js';
import type { DisclosureCells } from '../../store/reports/views.js';
import { GraphQLError } from 'graphql';
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

/**
 * A cell as served, every field a plain property: graphql-jit reads a property inline, but calls a
 * resolver through its deferred path (a report page has ~45 of these cells, 4 fields each).
 */
interface CellShape {
  measure: string;
  /** null when blank, or when the column is an amount */
  count: number | null;
  /** exact decimal text in 万元; null when blank, or when the column is a count */
  amount: string | null;
  isAmount: boolean;
}

const isAmount = (measure: string) => MONEY_MEASURES.has(measure);

function cellShape(measure: string, value: string | null): CellShape {
  const amount = isAmount(measure);
  return { measure, count: amount || value === null ? null : Number(value), amount: amount ? value : null, isAmount: amount };
}

const DisclosureCell = builder.objectRef<CellShape>('DisclosureCell').implement({
  description: 'One cell of table 二: a count (`count`, e.g. 本年制发件数) or a money amount in 万元 (`amount`, e.g. 本年收费金额).',
  fields: (t) => ({
    measure: t.expose('measure', { type: DisclosureMeasureEnum, description: 'The measure (column).' }),
    count: t.exposeInt('count', { nullable: true, description: 'The count printed; null when blank, or when the column is an amount (see `amount`).' }),
    amount: t.expose('amount', {
      type: 'Decimal',
      nullable: true,
      description: 'The amount printed, in 万元 with every printed digit; null when blank, or when the column is a count (see `count`).',
    }),
    isAmount: t.exposeBoolean('isAmount', { description: 'True for money amounts (read `amount`), false for counts (read `count`).' }),
  }),
});

/** A count asked of an amount column (or the reverse) is a mistake worth naming, not a silent null. */
function cellOf(table: DisclosureTableShape, item: string, measure: string, wantAmount: boolean): string | null {
  if (isAmount(measure) !== wantAmount) {
    throw new GraphQLError(`${measure} is ${wantAmount ? 'a count: ask count(…)' : 'a money amount in 万元: ask amount(…)'}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return table.cells[item]?.[measure] ?? null;
}

const DisclosureItemRow = builder.objectRef<ItemShape>('DisclosureItemRow').implement({
  description: 'One item (信息内容) of table 二 with its cells.',
  fields: (t) => ({
    code: t.expose('code', { type: DisclosureItemEnum, description: 'Stable code of the item.' }),
    label: t.exposeString('label', { description: 'Official label in this report’s format version, e.g. 行政规范性文件 (2019: 规范性文件).' }),
    cells: t.field({
      type: [DisclosureCell],
      description: 'The cells in official column order.',
      resolve: (i) => i.measures.map((m) => cellShape(m.code, i.table.cells[i.code]?.[m.code] ?? null)),
    }),
  }),
});

const DisclosureGroup = builder.objectRef<GroupShape>('DisclosureGroup').implement({
  description: 'A sub-table of table 二, headed by the article of 条例第二十条 it reports on.',
  fields: (t) => ({
    article: t.exposeString('article', { description: 'The heading, e.g. 第二十条第（一）项.' }),
    measures: t.expose('measures', { type: [DisclosureMeasureInfo], description: 'The columns in official order.' }),
    items: t.field({
      type: [DisclosureItemRow],
      description: 'The rows in official order.',
      resolve: (g) => g.items.map((item) => ({ ...item, measures: g.measures, table: g.table })),
    }),
  }),
});

const cellArgs = () =>
  builder.args((t) => ({
    item: t.field({ type: DisclosureItemEnum, required: true, description: 'The item (row).' }),
    measure: t.field({ type: DisclosureMeasureEnum, required: true, description: 'The measure (column).' }),
  }));

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
      deprecationReason: 'Counts are Int now: use count(item:, measure:) for counts and amount(item:, measure:) for amounts in 万元.',
      description: 'One cell as an exact decimal, count or amount alike; null when blank or not in this format.',
      args: cellArgs(),
      resolve: (table, { item, measure }) => table.cells[item]?.[measure] ?? null,
    }),
    count: t.int({
      nullable: true,
      description: 'One count cell, e.g. count(item: ADMINISTRATIVE_PUNISHMENT, measure: DECISIONS); null when blank or not in this format. An amount column is an error: ask `amount`.',
      args: cellArgs(),
      resolve: (table, { item, measure }) => {
        const value = cellOf(table, item, measure, false);
        return value === null ? null : Number(value);
      },
    }),
    amount: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'One amount cell in 万元, e.g. amount(item: ADMINISTRATIVE_FEES, measure: FEE_AMOUNT); null when blank or not in this format. A count column is an error: ask `count`.',
      args: cellArgs(),
      resolve: (table, { item, measure }) => cellOf(table, item, measure, true),
    }),
  }),
});
