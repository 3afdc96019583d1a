import { Migration } from '@mikro-orm/migrations';

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
    // The backfill is Migration20261130032801_rollup_applicants_reviews's: it recomputes the vectors whole,
    // and every database passes through it after this one.
    this.addSql(`analyze "report_cell_vector";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_cell_vector" cascade;`);
  }

}
