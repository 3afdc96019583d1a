import { Migration } from '@mikro-orm/migrations';

export class Migration20261129230351_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "agency_level" as enum ('NATIONAL', 'PROVINCIAL', 'PREFECTURAL', 'COUNTY', 'TOWNSHIP');`);
    this.addSql(`create type "agency_kind" as enum ('GOVERNMENT', 'DEPARTMENT');`);
    this.addSql(`create type "format_version" as enum ('2021', '2019');`);
    this.addSql(`create type "report_status" as enum ('DRAFT', 'PUBLISHED');`);
    this.addSql(`create type "source_kind" as enum ('HTML', 'TEXT', 'JSON');`);
    this.addSql(`create type "finding_severity" as enum ('ERROR', 'WARNING', 'INFO');`);
    this.addSql(`create table "agency" ("id" serial primary key, "name" text not null, "region_code" varchar(6) null, "region_name" text null, "level" "agency_level" null, "kind" "agency_kind" null, "parent_id" int null, "address" text null, "postcode" text null, "phone" text null, "fax" text null, "email" text null, "website" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "agency_region_code_prefix_index" on "agency" ("region_code" text_pattern_ops);`);
    this.addSql(`create index "agency_parent_index" on "agency" ("parent_id");`);
    this.addSql(`alter table "agency" add constraint "agency_name_region_unique" unique ("name", "region_code");`);

    this.addSql(`create table "report" ("id" serial primary key, "agency_id" int not null, "year" smallint not null, "format_version" "format_version" not null, "title" text null, "published_on" date null, "source_url" text null, "status" "report_status" not null default 'PUBLISHED', "source_text" text null, "source_kind" "source_kind" null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "report_year_index" on "report" ("year");`);
    this.addSql(`create index "report_format_version_index" on "report" ("format_version");`);
    this.addSql(`alter table "report" add constraint "report_agency_year_unique" unique ("agency_id", "year");`);

    this.addSql(`create table "finding" ("id" serial primary key, "report_id" int not null, "rule" text not null, "severity" "finding_severity" not null, "message" text not null, "cells" text[] not null default '{}', "expected" numeric(20,6) null, "actual" numeric(20,6) null);`);
    this.addSql(`create index "finding_report_index" on "finding" ("report_id");`);
    this.addSql(`create index "finding_rule_severity_index" on "finding" ("rule", "severity");`);

    this.addSql(`create table "disclosure_cell" ("id" serial primary key, "report_id" int not null, "item_code" text not null, "measure_code" text not null, "value" numeric(20,6) null);`);
    this.addSql(`create index "disclosure_cell_item_measure_report_index" on "disclosure_cell" ("item_code", "measure_code", "report_id");`);
    this.addSql(`alter table "disclosure_cell" add constraint "disclosure_cell_report_item_measure_unique" unique ("report_id", "item_code", "measure_code");`);

    this.addSql(`create table "application_row" ("id" serial primary key, "report_id" int not null, "row_code" text not null, "natural_person" int null, "commercial_enterprise" int null, "research_institution" int null, "social_welfare_organization" int null, "legal_service_institution" int null, "other_organization" int null, "total" int null);`);
    this.addSql(`create index "application_row_row_code_report_index" on "application_row" ("row_code", "report_id");`);
    this.addSql(`alter table "application_row" add constraint "application_row_report_row_unique" unique ("report_id", "row_code");`);

    this.addSql(`create table "review_row" ("id" serial primary key, "report_id" int not null, "group_code" text not null, "upheld" int null, "corrected" int null, "other" int null, "pending" int null, "total" int null);`);
    this.addSql(`create index "review_row_group_code_report_index" on "review_row" ("group_code", "report_id");`);
    this.addSql(`alter table "review_row" add constraint "review_row_report_group_unique" unique ("report_id", "group_code");`);

    this.addSql(`create table "report_section" ("id" serial primary key, "report_id" int not null, "number" smallint not null, "code" text not null, "title" text not null, "body" text not null);`);
    this.addSql(`alter table "report_section" add constraint "report_section_report_number_unique" unique ("report_id", "number");`);

    this.addSql(`alter table "agency" add constraint "agency_parent_id_foreign" foreign key ("parent_id") references "agency" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "report" add constraint "report_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "finding" add constraint "finding_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "disclosure_cell" add constraint "disclosure_cell_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "application_row" add constraint "application_row_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "review_row" add constraint "review_row_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "report_section" add constraint "report_section_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);
  }

}
