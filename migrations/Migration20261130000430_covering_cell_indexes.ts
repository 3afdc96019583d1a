import { Migration } from '@mikro-orm/migrations';

export class Migration20261130000430_covering_cell_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "application_row_row_code_report_index";`);

    this.addSql(`create index "application_row_cells_index" on "application_row" ("row_code", "report_id") include ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_organization", "legal_service_institution", "other_organization", "total");`);

    this.addSql(`drop index "review_row_group_code_report_index";`);

    this.addSql(`create index "review_row_cells_index" on "review_row" ("group_code", "report_id") include ("upheld", "corrected", "other", "pending", "total");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "application_row_cells_index";`);

    this.addSql(`create index "application_row_row_code_report_index" on "application_row" ("row_code", "report_id");`);

    this.addSql(`drop index "review_row_cells_index";`);

    this.addSql(`create index "review_row_group_code_report_index" on "review_row" ("group_code", "report_id");`);
  }

}
