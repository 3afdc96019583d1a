import { Migration } from '@mikro-orm/migrations';

/**
 * Search answers a common word newest first by walking reports in (year desc, id desc) order and
 * stopping when the page is full; with the year alone the walk sorted a whole year first.
 * (year, id) still serves every year filter, so it replaces the year index.
 */

export class Migration20261130021511_report_year_id_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "report_year_id_index" on "report" ("year", "id");`);
    this.addSql(`drop index "report_year_index";`);
    this.addSql(`analyze "report";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "report_year_id_index";`);

    this.addSql(`create index "report_year_index" on "report" ("year");`);
  }

}
