import { Migration } from '@mikro-orm/migrations';

/**
 * Findings say what they found as a stable code with JSON parameters, so the API can put them in
 * Chinese or English per request. Findings stored before keep their message and have no code (the API
 * serves their stored words). report_read's findings gain the two members (frozen SQL of the day).
 */
export class Migration20261206071500_finding_codes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "finding" add column "code" text null, add column "params" jsonb null;`);
    this.addSql(`update report_read rr set "findings" = coalesce((select json_agg(json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'code', f.code, 'params', f.params, 'message', f.message, 'cells', f.cells, 'expected', f.expected::text, 'actual', f.actual::text) order by f.id) from finding f where f.report_id = rr.report_id), '[]');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "finding" drop column "code", drop column "params";`);
    this.addSql(`update report_read rr set "findings" = coalesce((select json_agg(json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'message', f.message, 'cells', f.cells, 'expected', f.expected::text, 'actual', f.actual::text) order by f.id) from finding f where f.report_id = rr.report_id), '[]');`);
  }

}
