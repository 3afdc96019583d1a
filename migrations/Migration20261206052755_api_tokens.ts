import { Migration } from '@mikro-orm/migrations';

/**
 * Scoped API tokens, stored as SHA-256 hashes of their secrets, and a record of which token made
 * each write (kept after a report is deleted).
 */
export class Migration20261206052755_api_tokens extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "token_role" as enum ('ADMIN', 'EDITOR');`);
    this.addSql(`create type "write_action" as enum ('IMPORT', 'CORRECT', 'PUBLISH', 'DELETE');`);
    this.addSql(`create table "api_token" ("id" serial primary key, "name" text not null, "role" "token_role" not null, "secret_hash" text not null, "region_prefixes" text[] not null default '{}', "agency_ids" int[] not null default '{}', "created_at" timestamptz not null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_token" add constraint "api_token_name_unique" unique ("name");`);
    this.addSql(`alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "write_record" ("id" serial primary key, "report_id" int not null, "agency_id" int not null, "year" smallint not null, "action" "write_action" not null, "token_name" text not null, "token_id" int null, "created_at" timestamptz not null);`);
    this.addSql(`create index "write_record_report_index" on "write_record" ("report_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "write_record" cascade;`);

    this.addSql(`drop type "token_role";`);
    this.addSql(`drop type "write_action";`);
  }

}
