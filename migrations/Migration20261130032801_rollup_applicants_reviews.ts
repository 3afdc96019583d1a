import { Migration } from '@mikro-orm/migrations';
import { rebuildRollupStatements, rebuildVectorStatements } from '../src/store/services/rollup.js';

/**
 * The rollup and the cell vectors also hold who applied (本年新收 by applicant column) and every cell
 * of table 四, which portals chart on their own: both are recomputed.
 */
export class Migration20261130032801_rollup_applicants_reviews extends Migration {

  override async up(): Promise<void> {
    for (const statement of [...rebuildRollupStatements(), ...rebuildVectorStatements()]) this.addSql(statement);
    this.addSql(`analyze "report_rollup";`);
    this.addSql(`analyze "report_cell_vector";`);
  }

  override async down(): Promise<void> {
    // The extra rows and cells answer nothing the older code asks for; the next rebuild drops them.
  }

}
