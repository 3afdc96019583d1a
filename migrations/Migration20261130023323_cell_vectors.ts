import { Migration } from '@mikro-orm/migrations';
import { rebuildVectorStatements } from '../src/store/services/rollup.js';

/**
 * Per-report cell vectors for the aggregates the rollup cannot answer (by agency, filtered by agency
 * or finding rule, X1 counts): nationally those pivoted every report's table rows (seconds).
 * Backfilled from the base tables in this migration's transaction.
 */

export class Migration20261130023323_cell_vectors extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_cell_vector" ("report_id" int not null, "year" int not null, "agency_id" int not null, "region_code" text null, "agency_level" text null, "format_version" text not null, "status" text not null, "cells" int[] not null, constraint "report_cell_vector_pkey" primary key ("report_id"));`);
    this.addSql(`create index "report_cell_vector_year_agency_index" on "report_cell_vector" ("year", "agency_id");`);
    this.addSql(`create index "report_cell_vector_region_year_index" on "report_cell_vector" ("region_code" text_pattern_ops, "year");`);
    this.addSql(`create index "report_cell_vector_agency_year_index" on "report_cell_vector" ("agency_id", "year");`);
    for (const statement of rebuildVectorStatements()) this.addSql(statement);
    this.addSql(`analyze "report_cell_vector";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_cell_vector" cascade;`);
  }

}
