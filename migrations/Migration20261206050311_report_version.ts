import { Migration } from '@mikro-orm/migrations';

/**
 * A version per report, raised by every change, so a correction made on what an editor saw refuses
 * to overwrite a change made meanwhile (correctReport(version:)).
 */
export class Migration20261206050311_report_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "report" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "report" drop column "version";`);
  }

}
