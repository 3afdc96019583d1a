import { Migration } from '@mikro-orm/migrations';

export class Migration20261129231518_regions_search extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "region_level" as enum ('PROVINCE', 'PREFECTURE', 'COUNTY');`);
    this.addSql(`create table "region" ("code" varchar(6) not null, "name" text not null, "full_name" text not null, "level" "region_level" not null, "parent_code" varchar(6) null, "province_code" varchar(6) not null, "prefecture_code" varchar(6) null, "prefix" varchar(6) not null, "directly_under_province" boolean not null default false, constraint "region_pkey" primary key ("code"));`);
    this.addSql(`create index "region_parent_code_index" on "region" ("parent_code");`);

    this.addSql(`alter table "region" add constraint "region_parent_code_foreign" foreign key ("parent_code") references "region" ("code") on update cascade on delete set null;`);

    // Chinese search (hand-written: MikroORM cannot express functions or GIN expression indexes, so
    // these stay out of the snapshot). Text is normalised (NFKC, whitespace removed, lower case) and
    // cut into overlapping character bigrams, the last character also alone, so any substring of one
    // character or more is an AND of indexed lexemes (see src/store/services/search.ts). nianbao_bigrams
    // repeats the normalisation instead of calling nianbao_search_text: index expressions must not
    // depend on search_path.
    this.addSql(`create or replace function nianbao_search_text(t text) returns text language sql immutable strict parallel safe
      as $$ select lower(regexp_replace(normalize(t, NFKC), '\\s+', '', 'g')) $$;`);
    this.addSql(`create or replace function nianbao_bigrams(t text) returns tsvector language sql immutable parallel safe
      as $$ select coalesce(array_to_tsvector(array(
        select distinct substr(s, i, 2) from (select lower(regexp_replace(normalize(coalesce(t, ''), NFKC), '\\s+', '', 'g'))) n(s),
          generate_series(1, char_length(s)) i
      )), ''::tsvector) $$;`);
    this.addSql(`create index "report_section_body_search_index" on "report_section" using gin (nianbao_bigrams("body"));`);
    this.addSql(`create index "report_title_search_index" on "report" using gin (nianbao_bigrams("title"));`);
    this.addSql(`create index "agency_name_search_index" on "agency" using gin (nianbao_bigrams("name"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "report_section_body_search_index";`);
    this.addSql(`drop index if exists "report_title_search_index";`);
    this.addSql(`drop index if exists "agency_name_search_index";`);
    this.addSql(`drop function if exists nianbao_bigrams(text);`);
    this.addSql(`drop function if exists nianbao_search_text(text);`);
    this.addSql(`alter table "region" drop constraint "region_parent_code_foreign";`);

    this.addSql(`drop table if exists "region" cascade;`);

    this.addSql(`drop type "region_level";`);
  }

}
