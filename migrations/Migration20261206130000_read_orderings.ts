import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for two orderings the read path serves: reports by last change (the list's
 * UPDATED_AT_DESC, 200 ms of sorting every report on the bench data without it) and agencies by
 * region then id (the agencies list, 60–90 ms). Each first page becomes a walk of an index.
 */
export class Migration20261206130000_read_orderings extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "report_updated_index" on "report" ("updated_at", "id");`);
    this.addSql(`create index "agency_region_order_index" on "agency" ("region_code", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "report_updated_index";`);
    this.addSql(`drop index "agency_region_order_index";`);
  }

}
