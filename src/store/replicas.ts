/**
 * Streaming replicas for the read path: each is checked every interval (reachable, in recovery,
 * how far behind) and used only while it is up, lags less than the bound, and has replayed the
 * primary's WAL up to the last write this process heard of (so a read after a write never sees the
 * state before it, through the response cache or not). A replica that fails a check or a query is
 * skipped, with one warning, until a check finds it fit again.
 */
import type pg from 'pg';
import type { ReadConnections } from './read-connections.js';

export interface ReplicaOptions {
  /** Skip a replica whose replay is this far behind (ms; 0 when it has replayed all it received). */
  maxLagMs: number;
  /** How often each replica is checked (ms). */
  checkIntervalMs: number;
  warn: (message: string, details: Record<string, unknown>) => void;
  info?: (message: string, details: Record<string, unknown>) => void;
}

/** A WAL position ('16/B374D848') as a number that orders like it. */
export function lsn(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const CHECK = `select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn()::text as replayed,
  case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
       else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000, 0) end as lag_ms`;

export class Replica {
  /** Fit to answer reads now. */
  fit = false;
  replayed: bigint | null = null;
  private reason: string | undefined = 'not checked yet';
  private checking: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    readonly pool: ReadConnections,
    private readonly checker: pg.Pool,
    private readonly options: ReplicaOptions,
  ) {}

  start(): Promise<void> {
    const first = this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.timer.unref();
    return first;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Stops using it at once (a query failed); the next check decides when it is back. */
  skip(reason: string): void {
    this.become(false, reason);
  }

  check(): Promise<void> {
    return (this.checking ??= (async () => {
      try {
        const { rows } = await this.checker.query<{ recovering: boolean; replayed: string | null; lag_ms: number }>(CHECK);
        const [state] = rows;
        this.replayed = lsn(state.replayed);
        if (!state.recovering) this.become(false, 'it is not a replica (not in recovery)');
        else if (Number(state.lag_ms) > this.options.maxLagMs) this.become(false, `it lags ${Math.round(Number(state.lag_ms))} ms behind (more than ${this.options.maxLagMs} ms)`);
        else this.become(true);
      } catch (error) {
        this.become(false, `it cannot be reached (${(error as { code?: string }).code ?? (error as Error).message})`);
      } finally {
        this.checking = undefined;
      }
    })());
  }

  private become(fit: boolean, reason?: string): void {
    if (fit && !this.fit) this.options.info?.('replica in use', { replica: this.name });
    // Once per spell of unfitness, not at every check.
    if (!fit && (this.fit || this.reason === 'not checked yet')) this.options.warn('replica skipped: reads go to the primary', { replica: this.name, reason });
    this.fit = fit;
    this.reason = fit ? undefined : reason;
  }
}

/**
 * Errors that say the replica went away or could not keep the statement (a hot standby cancels
 * queries that conflict with replay: 40001), not that the statement was wrong: the primary answers.
 */
const SERVER_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08003', '08006', '53300', '40001']);

export function replicaFailed(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (code !== undefined && SERVER_GONE.has(code)) || /Connection terminated|connection timeout|Client has encountered a connection error/i.test((error as Error)?.message ?? '');
}
