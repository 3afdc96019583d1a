import { Migration } from '@mikro-orm/migrations';

/**
 * A merge keeps the history of the report it does not keep: its corrections become those of the
 * revision it becomes (report_correction.revision_id), and its write records move to the report kept,
 * naming that revision (write_record.revision_id, no foreign key: write records outlive reports).
 * Merges made before kept neither (their corrections were deleted), so nothing is backfilled.
 */
export class Migration20261206105051_merge_history extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "report_correction" add column "revision_id" int null;`);
    this.addSql(`alter table "report_correction" add constraint "report_correction_revision_id_foreign" foreign key ("revision_id") references "report_revision" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "report_correction_revision_index" on "report_correction" ("revision_id");`);

    this.addSql(`alter table "write_record" add column "revision_id" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "report_correction" drop constraint "report_correction_revision_id_foreign";`);

    this.addSql(`drop index "report_correction_revision_index";`);
    this.addSql(`alter table "report_correction" drop column "revision_id";`);

    this.addSql(`alter table "write_record" drop column "revision_id";`);
  }

}
