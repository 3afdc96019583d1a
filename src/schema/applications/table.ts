import { formatSpec, type FormatVersion, type Table } from '../../format/index.js';
import { builder } from '../builder.js';
import { ApplicantColumnEnum, ApplicationRowEnum } from '../format/enums.js';

export interface ApplicationsTableShape {
  formatVersion: FormatVersion;
  /** row code → applicant column code → count (null: printed blank) */
  rows: Table;
}

interface RowShape {
  code: string;
  label: string;
  group: string | null;
  counts: Record<string, number | null> | undefined;
  columns: string[];
}

const ApplicantColumnInfo = builder.simpleObject('ApplicantColumnInfo', {
  description: 'A column of table 三 with its official label.',
  fields: (t) => ({
    code: t.field({ type: ApplicantColumnEnum, description: 'Stable code of the column.' }),
    label: t.string({ description: 'Official label, e.g. 自然人, 商业企业, 总计.' }),
    group: t.string({ nullable: true, description: 'Heading above the column, e.g. 法人或其他组织; null for 自然人 and 总计.' }),
  }),
});

const ApplicationCell = builder.simpleObject('ApplicationCell', {
  description: 'One cell of table 三.',
  fields: (t) => ({
    column: t.field({ type: ApplicantColumnEnum, description: 'The applicant column.' }),
    value: t.int({ nullable: true, description: 'The number printed; null when the cell was printed blank (not the same as 0).' }),
  }),
});

const ApplicationsTableRow = builder.objectRef<RowShape>('ApplicationsTableRow').implement({
  description: 'A row of table 三, in official order, with its label and its seven cells.',
  fields: (t) => ({
    code: t.expose('code', { type: ApplicationRowEnum, description: 'Stable code of the row.' }),
    label: t.exposeString('label', { description: 'Official label in this report’s format version, e.g. 一、本年新收政府信息公开申请数量.' }),
    group: t.exposeString('group', { nullable: true, description: 'The heading the row sits under, e.g. 三、本年度办理结果 or （三）不予公开.' }),
    cells: t.field({
      type: [ApplicationCell],
      description: 'The cells in official column order (自然人 … 总计).',
      resolve: (r) => r.columns.map((column) => ({ column, value: r.counts?.[column] ?? null })),
    }),
    value: t.int({
      nullable: true,
      description: 'The value in one column; null when blank.',
      args: { column: t.arg({ type: ApplicantColumnEnum, required: true, description: 'The applicant column.' }) },
      resolve: (r, { column }) => r.counts?.[column] ?? null,
    }),
    total: t.int({ nullable: true, description: 'The 总计 column; null when blank.', resolve: (r) => r.counts?.TOTAL ?? null }),
  }),
});

export const ApplicationsTable = builder.objectRef<ApplicationsTableShape>('ApplicationsTable').implement({
  description:
    'Table 三 收到和处理政府信息公开申请情况: applications received and how they were handled, by applicant. Rows and columns follow the official form of the report’s format version.',
  fields: (t) => ({
    note: t.string({
      description: 'The consistency rule printed on the form (一 + 二 = 三 + 四 for every column).',
      resolve: (table) => formatSpec(table.formatVersion).applications.note,
    }),
    columns: t.field({
      type: [ApplicantColumnInfo],
      description: 'The seven columns in official order.',
      resolve: (table) => formatSpec(table.formatVersion).applications.applicants,
    }),
    rows: t.field({
      type: [ApplicationsTableRow],
      description: 'Every row of the form in official order (a row missing from the report has null cells).',
      resolve: (table) => {
        const spec = formatSpec(table.formatVersion);
        const columns = spec.applications.applicants.map((a) => a.code);
        return spec.applications.rows.map((row) => ({ ...row, counts: table.rows[row.code], columns }));
      },
    }),
    row: t.field({
      type: ApplicationsTableRow,
      nullable: true,
      description: 'One row; null when the row does not exist in this format version.',
      args: { code: t.arg({ type: ApplicationRowEnum, required: true, description: 'The row.' }) },
      resolve: (table, { code }) => {
        const spec = formatSpec(table.formatVersion);
        const row = spec.applications.rows.find((r) => r.code === code);
        return row ? { ...row, counts: table.rows[code], columns: spec.applications.applicants.map((a) => a.code) } : null;
      },
    }),
    cell: t.int({
      nullable: true,
      description: 'One cell, e.g. cell(row: NEW_RECEIVED, column: TOTAL); null when blank or not in this format.',
      args: {
        row: t.arg({ type: ApplicationRowEnum, required: true, description: 'The row.' }),
        column: t.arg({ type: ApplicantColumnEnum, required: true, description: 'The applicant column.' }),
      },
      resolve: (table, { row, column }) => table.rows[row]?.[column] ?? null,
    }),
  }),
});
