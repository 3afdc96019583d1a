/**
 * The read path's connection pools: plain node-postgres with named prepared statements, so a hot
 * read is parsed once per connection, and planned once where its shape allows a generic plan
 * (src/store/read-connections.ts), then only bound and executed. Writes go
 * through MikroORM (src/store/orm.ts); reads never build entities.
 *
 * With replicas (DATABASE_READ_URL), public reads go to them in turn, while they are fit
 * (src/store/replicas.ts); a replica's failure sends the read to the primary, never an error to
 * the client. `onPrimary()` is the same pool pinned to the primary: requests with a token (writes,
 * and what they read after writing, and drafts) use it.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ReadConnections, type PlanMode } from './read-connections.js';
import { lsn, Replica, replicaFailed, type ReplicaOptions } from './replicas.js';

/** A statement with a stable name derived from its text: the same text is prepared once per connection. */
export interface Statement {
  name: string;
  text: string;
  /** How PostgreSQL plans it: see src/store/read-connections.ts (absent: planned). */
  plan?: PlanMode;
}

const named = new Map<string, Statement>();

/**
 * The statement for a text, named by its hash. Texts are built from a small set of shapes (which
 * filters, which parts of a report), so the map stays small; it is bounded all the same. `plan`
 * 'generic' only for a shape whose one plan was checked to suit every value (read-connections.ts).
 */
export function statement(text: string, plan: PlanMode = 'planned'): Statement {
  const key = plan === 'generic' ? `generic:${text}` : text;
  let found = named.get(key);
  if (!found) {
    if (named.size >= 2000) named.clear();
    found = { name: `nb_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`, text, plan };
    named.set(key, found);
  }
  return found;
}

export interface ReadPoolOptions {
  connectionString: string;
  /** Streaming replicas of that primary (DATABASE_READ_URL). */
  replicaUrls?: readonly string[];
  replicas?: Partial<ReplicaOptions>;
  /** Connections per database. */
  max?: number;
  /** Every statement is cancelled after this long (PostgreSQL statement_timeout); absent: none. */
  statementTimeoutMs?: number;
  /** Called with the text of every statement sent (tests count statements per request). */
  onStatement?: (text: string) => void;
  /**
   * Name statements so each connection plans them once (default). Off for a pooler that hands a
   * client's statements to any server connection without tracking names (pgbouncer < 1.21 in
   * transaction mode: "prepared statement … already exists" / "does not exist").
   */
  namedStatements?: boolean;
}

export interface PoolStats {
  database: string;
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const WAL_POSITION = statement('select pg_current_wal_lsn()::text as position');

const DEFAULT_REPLICA_OPTIONS: ReplicaOptions = { maxLagMs: 5_000, checkIntervalMs: 250, warn: () => undefined };

export class ReadPool {
  private readonly pool: ReadConnections;
  private readonly onStatement?: (text: string) => void;
  private readonly replicas: Replica[] = [];
  private readonly checkers: pg.Pool[] = [];
  private readonly counts = new Map<string, number>();
  private next = 0;
  /** The primary's WAL position after the last write heard of: replicas must have replayed it. */
  private written: bigint | null = null;
  private writtenPending: Promise<void> | undefined;
  private pinned: ReadPool | undefined;
  private primaryOnly = false;

  constructor(options: ReadPoolOptions) {
    const named = options.namedStatements ?? true;
    const connections = (connectionString: string, connectionTimeoutMs?: number) =>
      new ReadConnections({ connectionString, max: options.max ?? 10, statementTimeoutMs: options.statementTimeoutMs, connectionTimeoutMs, namedStatements: named });
    this.pool = connections(options.connectionString);
    this.onStatement = options.onStatement;
    const replicaOptions = { ...DEFAULT_REPLICA_OPTIONS, ...options.replicas };
    (options.replicaUrls ?? []).forEach((url, i) => {
      const pool = connections(url, 1_000);
      const checker = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 1_000, statement_timeout: 1_000, application_name: 'nianbao replica check' });
      checker.on('error', () => {});
      this.checkers.push(checker);
      this.replicas.push(new Replica(`replica ${i + 1}`, pool, checker, replicaOptions));
    });
  }

  /** Checks the replicas once (so the first reads may use them), then every interval. */
  async start(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.start()));
  }

  /** The same pools, every read on the primary. */
  onPrimary(): ReadPool {
    if (!this.replicas.length) return this;
    // A view sharing this pool's state (through its prototype), that never chooses a replica.
    return (this.pinned ??= Object.assign(Object.create(this) as ReadPool, { primaryOnly: true }));
  }

  /**
   * A write committed on the primary (the data version moved): until the replicas have replayed the
   * primary's WAL up to now, reads go to the primary.
   */
  afterWrite(): void {
    if (!this.replicas.length) return;
    const asked = (this.writtenPending = this.pool
      .query(WAL_POSITION, [])
      .then(({ rows }: { rows: { position: string }[] }) => {
        const position = lsn(rows[0]?.position);
        if (position !== null && (this.written === null || position > this.written)) this.written = position;
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.writtenPending === asked) this.writtenPending = undefined;
      }));
  }

  async rows<T>(query: Statement, values: unknown[]): Promise<T[]> {
    this.onStatement?.(query.text);
    const replica = this.choose();
    if (replica) {
      try {
        const result = await replica.pool.query(query, values);
        this.count(replica.name);
        return result.rows as T[];
      } catch (error) {
        if (!replicaFailed(error)) throw error;
        replica.skip(`a read failed there (${(error as { code?: string }).code ?? (error as Error).message})`);
      }
    }
    const result = await this.pool.query(query, values);
    this.count('primary');
    return result.rows as T[];
  }

  stats(): PoolStats[] {
    const of = (database: string, pool: ReadConnections) => ({ database, totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount });
    return [of('primary', this.pool), ...this.replicas.map((replica) => of(replica.name, replica.pool))];
  }

  /** Statements answered so far, by database. */
  routed(): ReadonlyMap<string, number> {
    return this.counts;
  }

  async close(): Promise<void> {
    for (const replica of this.replicas) replica.stop();
    await Promise.all([this.pool.end(), ...this.replicas.map((replica) => replica.pool.end()), ...this.checkers.map((checker) => checker.end())]);
  }

  /** A fit replica that has replayed the last write heard of, in turn; none: the primary. */
  private choose(): Replica | undefined {
    if (this.primaryOnly || !this.replicas.length || this.writtenPending) return undefined;
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.next++ % this.replicas.length];
      if (replica.fit && (this.written === null || (replica.replayed !== null && replica.replayed >= this.written))) return replica;
    }
    return undefined;
  }

  private count(database: string): void {
    this.counts.set(database, (this.counts.get(database) ?? 0) + 1);
  }
}
