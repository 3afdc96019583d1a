import { Migration } from '@mikro-orm/migrations';

/**
 * A revision keeps a replaced report whole, and says why and by whom: `Report.revisions` serves it.
 * Its data (interchange) is new; the cells a re-import changed were recorded as corrections with a
 * note naming the versions, so revisions kept before are given their changed cells from those, and
 * the agency name of their report (a re-import keeps the agency).
 */
export class Migration20261206100000_revision_history extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "revision_reason" as enum ('REIMPORT', 'MERGE');`);
    this.addSql(`alter table "report_revision" add column "reason" "revision_reason" not null default 'REIMPORT', add column "agency_name" text null, add column "interchange" jsonb null, add column "changed_cells" text[] not null default '{}', add column "replaced_by" text null;`);
    this.addSql(`update report_revision v set agency_name = a.name,
      changed_cells = coalesce((select array_agg(c.cell order by c.id) from report_correction c
        where c.report_id = v.report_id and c.note = format('re-imported: version %s replaced by version %s', v.version, v.version + 1)), '{}')
      from report r join agency a on a.id = r.agency_id where r.id = v.report_id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "report_revision" drop column "reason", drop column "agency_name", drop column "interchange", drop column "changed_cells", drop column "replaced_by";`);
    this.addSql(`drop type "revision_reason";`);
  }

}
