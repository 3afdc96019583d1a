import { Migration } from '@mikro-orm/migrations';

/**
 * The rollup also keeps every cell of table 二 (e.g. 行政处罚 × 本年处理决定数量): nationally such a
 * cell by province read every report's proactive-disclosure rows (~1 s). Same table, more measures:
 * the rows are recomputed. The cell vectors hold the same cells as before and are left as they are.
 */
export class Migration20261130024828_rollup_proactive_cells extends Migration {

  override async up(): Promise<void> {
    // The recomputation is Migration20261130032801_rollup_applicants_reviews's, which every database passes through after this one.
    this.addSql(`analyze "report_rollup";`);
  }

  override async down(): Promise<void> {
    // The extra rows answer nothing the older code asks for; they are dropped with the next rebuild.
  }

}
