import { Migration } from '@mikro-orm/migrations';

export class Migration20261130001041_report_corrections extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_correction" ("id" serial primary key, "report_id" int not null, "cell" text not null, "previous" numeric(20,6) null, "value" numeric(20,6) null, "note" text null, "created_at" timestamptz not null);`);
    this.addSql(`create index "report_correction_report_index" on "report_correction" ("report_id");`);

    this.addSql(`alter table "report_correction" add constraint "report_correction_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_correction" cascade;`);
  }

}
