/**
 * Per-report cell vectors: the cells of the rolled-up measures (VECTOR_CELLS order: every 总计 of
 * table 三, the table 四 cells of the correction rates), null where blank. Questions the rollup
 * cannot answer — grouped by agency, filtered by agency or finding rule, counting X1 failures — then
 * read one narrow row per report instead of pivoting every report's table rows. Maintained with the
 * rollup in the transaction of every write (src/store/services/rollup.ts). Never edited by hand.
 */
import { EntitySchema } from '@mikro-orm/core';

export interface CellVector {
  /** The report's id (no foreign key: rows follow the report through the rollup refresh of its key). */
  reportId: number;
  year: number;
  agencyId: number;
  /** The agency's region code, as in the rollup. */
  regionCode: string | null;
  agencyLevel: string | null;
  formatVersion: string;
  status: string;
  /** The cells as printed, null where blank. */
  cells: (number | null)[];
}

export const CellVectorSchema = new EntitySchema<CellVector>({
  name: 'CellVector',
  tableName: 'report_cell_vector',
  properties: {
    reportId: { type: 'integer', primary: true, autoincrement: false },
    year: { type: 'integer' },
    agencyId: { type: 'integer' },
    regionCode: { type: 'text', nullable: true },
    agencyLevel: { type: 'text', nullable: true },
    formatVersion: { type: 'text' },
    status: { type: 'text' },
    cells: { type: 'int[]', columnType: 'int[]' },
  },
  indexes: [
    // A year's agencies in order: ranking every agency of a year groups without sorting.
    { name: 'report_cell_vector_year_agency_index', properties: ['year', 'agencyId'] },
    // Region filters match a code prefix; refreshes delete a region's year.
    { name: 'report_cell_vector_region_year_index', expression: 'create index "report_cell_vector_region_year_index" on "report_cell_vector" ("region_code" text_pattern_ops, "year")' },
    // An agency's years (time series, agency filters).
    { name: 'report_cell_vector_agency_year_index', properties: ['agencyId', 'year'] },
  ],
});
