/**
 * One database's read connections, in two node-postgres pools that differ only in how PostgreSQL
 * plans a named statement:
 *
 * - `planned`: PostgreSQL's default. It plans a statement again at each execution whenever it
 *   judges the generic plan costlier than a custom one, which for our list statements is always:
 *   0.2–0.6 ms of the database's CPU per execution, often more than executing it.
 * - `generic`: `plan_cache_mode = force_generic_plan`, for the statements whose shape makes their
 *   one plan right for any values (a key lookup; a region and year walked in year order on the
 *   report's region indexes). A statement opts in (`statement(text, 'generic')`) only after its plan
 *   was checked with EXPLAIN on national-scale data, worst provinces included (docs/read-path.md):
 *   the same plan forced on a name ordering or a finding filter costs 10–100× its custom plan.
 *
 * Both run without JIT compilation: a read is small, and an estimate gone wrong (a cost in the
 * millions for a statement that reads 10 rows) once cost 380 ms of compiling for a 40 ms read.
 *
 * The generic pool opens on its first statement, so a database holds up to twice `max`
 * connections per service. Without named statements (a pooler that cannot keep them) every
 * statement is planned at each execution anyway, and no startup options are sent: a pooler such as
 * pgbouncer refuses unknown startup parameters.
 */
import pg from 'pg';
import type { Statement } from './read-pool.js';

export type PlanMode = 'planned' | 'generic';

export interface ReadConnectionsOptions {
  connectionString: string;
  max: number;
  statementTimeoutMs?: number;
  /** Milliseconds to wait for a new connection (absent: no limit). */
  connectionTimeoutMs?: number;
  namedStatements: boolean;
}

export class ReadConnections {
  private readonly planned: pg.Pool;
  private generic: pg.Pool | undefined;

  constructor(private readonly options: ReadConnectionsOptions) {
    this.planned = this.open('planned');
  }

  query(query: Statement, values: unknown[]): Promise<pg.QueryResult> {
    if (!this.options.namedStatements) return this.planned.query({ text: query.text, values });
    const pool = query.plan === 'generic' ? (this.generic ??= this.open('generic')) : this.planned;
    return pool.query({ name: query.name, text: query.text, values });
  }

  /** Connections over both pools. */
  get totalCount(): number {
    return this.planned.totalCount + (this.generic?.totalCount ?? 0);
  }

  get idleCount(): number {
    return this.planned.idleCount + (this.generic?.idleCount ?? 0);
  }

  get waitingCount(): number {
    return this.planned.waitingCount + (this.generic?.waitingCount ?? 0);
  }

  async end(): Promise<void> {
    await Promise.all([this.planned.end(), this.generic?.end()]);
  }

  private open(mode: PlanMode): pg.Pool {
    const settings = this.options.namedStatements ? ['jit=off', ...(mode === 'generic' ? ['plan_cache_mode=force_generic_plan'] : [])] : [];
    const pool = new pg.Pool({
      connectionString: this.options.connectionString,
      max: this.options.max,
      statement_timeout: this.options.statementTimeoutMs || undefined,
      connectionTimeoutMillis: this.options.connectionTimeoutMs,
      application_name: 'nianbao read',
      options: settings.length ? settings.map((setting) => `-c ${setting}`).join(' ') : undefined,
    });
    // An idle connection that fails (e.g. the server restarts) must not crash the process: the pool
    // drops it and the next query opens a new one.
    pool.on('error', () => {});
    return pool;
  }
}
