import { Migration } from '@mikro-orm/migrations';

export class Migration20261130001931_statistics_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_rollup" ("id" serial primary key, "year" int not null, "region_code" text null, "agency_level" text null, "format_version" text not null, "status" text not null, "measure" text not null, "reports" int not null, "counted" int not null, "numerator" numeric null, "denominator" numeric null, "min_report_id" int not null);`);
    this.addSql(`create index "report_rollup_measure_year_index" on "report_rollup" ("measure", "year");`);
    this.addSql(`create index "report_rollup_region_year_index" on "report_rollup" ("region_code", "year");`);
    // The backfill is Migration20261130032801_rollup_applicants_reviews's: it recomputes the rollup whole,
    // and every database passes through it after this one (from here on every report write keeps it up to date).
    this.addSql(`analyze "report_rollup";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_rollup" cascade;`);
  }

}
