/**
 * The read path's connection pool: plain node-postgres with named prepared statements, so a hot
 * read is parsed and planned once per connection and then only bound and executed. Writes go
 * through MikroORM (src/store/orm.ts); reads never build entities.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

/** A statement with a stable name derived from its text: the same text is prepared once per connection. */
export interface Statement {
  name: string;
  text: string;
}

const named = new Map<string, Statement>();

/**
 * The statement for a text, named by its hash. Texts are built from a small set of shapes (which
 * filters, which parts of a report), so the map stays small; it is bounded all the same.
 */
export function statement(text: string): Statement {
  let found = named.get(text);
  if (!found) {
    if (named.size >= 2000) named.clear();
    found = { name: `nb_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`, text };
    named.set(text, found);
  }
  return found;
}

export interface ReadPoolOptions {
  connectionString: string;
  max?: number;
  /** Every statement is cancelled after this long (PostgreSQL statement_timeout); absent: none. */
  statementTimeoutMs?: number;
  /** Called with the text of every statement sent (tests count statements per request). */
  onStatement?: (text: string) => void;
}

export class ReadPool {
  private readonly pool: pg.Pool;
  private readonly onStatement?: (text: string) => void;

  constructor(options: ReadPoolOptions) {
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10, statement_timeout: options.statementTimeoutMs || undefined });
    // An idle connection that fails (e.g. the server restarts) must not crash the process: the pool
    // drops it and the next query opens a new one.
    this.pool.on('error', () => {});
    this.onStatement = options.onStatement;
  }

  async rows<T>(query: Statement, values: unknown[]): Promise<T[]> {
    this.onStatement?.(query.text);
    const result = await this.pool.query({ name: query.name, text: query.text, values });
    return result.rows as T[];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
