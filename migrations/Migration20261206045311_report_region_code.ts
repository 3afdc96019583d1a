import { Migration } from '@mikro-orm/migrations';

/**
 * The report list by region walked the report primary key backwards through the agency join: for a
 * province whose reports have low ids, 14,095 reports were read for a page of 21. The agency's
 * region code now sits on the report itself, kept by triggers (whatever writes a report or changes
 * an agency's code: the ORM, bulk loads, merges), with one index per region level in list order.
 */

export class Migration20261206045311_report_region_code extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "report" add column "region_code" varchar(6) null;`);
    this.addSql(`update "report" r set "region_code" = a."region_code" from "agency" a where a."id" = r."agency_id" and a."region_code" is not null;`);
    this.addSql(`create function nianbao_report_region_code() returns trigger language plpgsql as $$
begin
  select a.region_code into new.region_code from agency a where a.id = new.agency_id;
  return new;
end $$;`);
    this.addSql(`create trigger report_region_code before insert or update on "report" for each row execute function nianbao_report_region_code();`);
    this.addSql(`create function nianbao_agency_region_code() returns trigger language plpgsql as $$
begin
  update report set region_code = new.region_code where agency_id = new.id;
  return null;
end $$;`);
    this.addSql(`create trigger agency_region_code after update of "region_code" on "agency" for each row when (old."region_code" is distinct from new."region_code") execute function nianbao_agency_region_code();`);
    this.addSql(`create index "report_province_year_index" on "report" (left("region_code", 2), "year", "id") include ("status");`);
    this.addSql(`create index "report_prefecture_year_index" on "report" (left("region_code", 4), "year", "id") include ("status");`);
    this.addSql(`create index "report_county_year_index" on "report" ("region_code", "year", "id") include ("status");`);
    this.addSql(`analyze "report";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists agency_region_code on "agency";`);
    this.addSql(`drop function if exists nianbao_agency_region_code();`);
    this.addSql(`drop trigger if exists report_region_code on "report";`);
    this.addSql(`drop function if exists nianbao_report_region_code();`);
    this.addSql(`drop index "report_province_year_index";`);
    this.addSql(`drop index "report_prefecture_year_index";`);
    this.addSql(`drop index "report_county_year_index";`);
    this.addSql(`alter table "report" drop column "region_code";`);
  }

}
