import { Migration } from '@mikro-orm/migrations';

/**
 * report_read: each report's parts as the JSON the read path serves, built when a report is
 * written instead of at every read (assembling them from the normalized rows was ~1.2 ms of a
 * report page's 1.3 ms in PostgreSQL). Backfilled here with the statement of the day (frozen:
 * later shapes come with their own migration); the service keeps it from then on.
 */

export class Migration20261206054752_report_read extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_read" ("report_id" int not null, "applications" json not null, "disclosure" json not null, "reviews" json not null, "sections" json not null, "findings" json not null, constraint "report_read_pkey" primary key ("report_id"));`);

    this.addSql(`alter table "report_read" add constraint "report_read_report_id_foreign" foreign key ("report_id") references "report" ("id") on update cascade on delete cascade;`);
    this.addSql(`insert into report_read (report_id, "applications", "disclosure", "reviews", "sections", "findings") select r.id, coalesce((select json_object_agg(x.row_code, json_build_object('NATURAL_PERSON', x.natural_person, 'COMMERCIAL_ENTERPRISE', x.commercial_enterprise, 'RESEARCH_INSTITUTION', x.research_institution, 'SOCIAL_WELFARE_ORGANIZATION', x.social_welfare_organization, 'LEGAL_SERVICE_INSTITUTION', x.legal_service_institution, 'OTHER_ORGANIZATION', x.other_organization, 'TOTAL', x.total)) from application_row x where x.report_id = r.id), '{}'), coalesce((select json_object_agg(t.item_code, t.measures) from (select d.item_code, json_object_agg(d.measure_code, d.value::text) as measures from disclosure_cell d where d.report_id = r.id group by d.item_code) t), '{}'), coalesce((select json_object_agg(v.group_code, json_build_object('UPHELD', v.upheld, 'CORRECTED', v.corrected, 'OTHER', v.other, 'PENDING', v.pending, 'TOTAL', v.total)) from review_row v where v.report_id = r.id), '{}'), coalesce((select json_agg(json_build_object('number', s.number, 'code', s.code, 'title', s.title, 'body', s.body) order by s.number) from report_section s where s.report_id = r.id), '[]'), coalesce((select json_agg(json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'message', f.message, 'cells', f.cells, 'expected', f.expected::text, 'actual', f.actual::text) order by f.id) from finding f where f.report_id = r.id), '[]') from report r where true on conflict (report_id) do update set "applications" = excluded."applications", "disclosure" = excluded."disclosure", "reviews" = excluded."reviews", "sections" = excluded."sections", "findings" = excluded."findings"`);
    this.addSql(`analyze "report_read";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_read" cascade;`);
  }

}
