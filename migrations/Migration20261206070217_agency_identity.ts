import { Migration } from '@mikro-orm/migrations';

/**
 * Agency identity: every name an agency is known by (its main name, its bracketed aliases, names
 * imports and merges matched to it) with their comparison form; and the previous versions of
 * re-imported reports. Existing agencies get their names backfilled here with the folding of this
 * migration's day (NFKC, brackets removed, spaces and punctuation removed, 人民政府 → 政府).
 */
export class Migration20261206070217_agency_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agency_alias" ("id" serial primary key, "agency_id" int not null, "name" text not null, "folded" text not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "agency_alias_folded_index" on "agency_alias" ("folded");`);
    this.addSql(`create index "agency_alias_name_search_index" on "agency_alias" using gin (nianbao_bigrams("name"));`);
    this.addSql(`alter table "agency_alias" add constraint "agency_alias_agency_folded_unique" unique ("agency_id", "folded");`);

    this.addSql(`create table "report_revision" ("id" serial primary key, "report_id" int not null, "version" int not null, "title" text null, "source_url" text null, "published_on" date null, "source_text" text null, "source_kind" text null, "replaced_at" timestamptz not null);`);
    this.addSql(`create index "report_revision_report_index" on "report_revision" ("report_id");`);

    this.addSql(`alter table "agency_alias" add constraint "agency_alias_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "report_revision" add constraint "report_revision_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter type "write_action" add value if not exists 'MERGE' after 'DELETE';`);

    this.addSql(`insert into "agency_alias" ("agency_id", "name", "folded", "created_at")
      select a.id, v.name, v.folded, now() from "agency" a
      cross join lateral (
        select n.name, replace(regexp_replace(n.name, '[[:space:][:punct:]（）【】〔〕、，。·]+', '', 'g'), '人民政府', '政府') as folded
        from (
          select btrim(regexp_replace(normalize(a.name, NFKC), '[(\\[【〔][^()\\[\\]【】〔〕]*[)\\]】〕]', '', 'g')) as name
          union
          select btrim(m[1]) from regexp_matches(normalize(a.name, NFKC), '[(\\[【〔]([^()\\[\\]【】〔〕]*)[)\\]】〕]', 'g') m
        ) n
      ) v
      where char_length(v.folded) >= 2
      on conflict ("agency_id", "folded") do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agency_alias" cascade;`);

    this.addSql(`drop table if exists "report_revision" cascade;`);
  }

}
