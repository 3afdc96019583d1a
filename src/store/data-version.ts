/**
 * The data version as this process knows it: read once, then followed through LISTEN on the
 * channel the write transactions NOTIFY at commit (migration data_version). Answers cached under a
 * version are only served while it is current, so a write anywhere (this instance, another, the
 * CLI) retires them as soon as its notification arrives. While the listening connection is down the
 * version is unknown (null): callers must then not serve or store cached answers.
 */
import pg from 'pg';

export const DATA_VERSION_CHANNEL = 'nianbao_data_version';

export interface DataVersionOptions {
  connectionString: string;
  /** Called when the connection is lost or comes back (for a log line). */
  onState?: (state: 'lost' | 'following', error?: Error) => void;
}

export class DataVersion {
  private known: number | null = null;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(version: number) => void>();

  private constructor(private readonly options: DataVersionOptions) {}

  /** Starts following; resolves once the first version is known (or the first attempt failed). */
  static async follow(options: DataVersionOptions): Promise<DataVersion> {
    const followed = new DataVersion(options);
    await followed.connect(250);
    return followed;
  }

  /** The version the database had when it was last heard from; null while it cannot be heard. */
  get current(): number | null {
    return this.known;
  }

  onChange(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the database now (after a write of this process: its next read must see it, whatever NOTIFY's timing). */
  async refresh(): Promise<void> {
    if (!this.client || this.known === null) return;
    try {
      const { rows } = await this.client.query<{ version: string }>('select version from data_version where id = 1');
      if (rows[0]) this.advance(Number(rows[0].version));
    } catch {
      // The connection's error handler takes over.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.known = null;
    await client?.end().catch(() => undefined);
  }

  private advance(version: number): void {
    // Notifications arrive in commit order, and the version row is updated under its lock at commit:
    // a lower number is one already seen through refresh().
    if (this.known !== null && version <= this.known) return;
    this.known = version;
    for (const listener of this.listeners) listener(version);
  }

  private async connect(nextDelayMs: number): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.options.connectionString, application_name: 'nianbao data version', connectionTimeoutMillis: 2_000 });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.known = null;
      this.options.onState?.('lost', error);
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.connect(Math.min(nextDelayMs * 2, 5_000)), nextDelayMs);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === DATA_VERSION_CHANNEL && message.payload) this.advance(Number(message.payload));
    });
    this.client = client;
    try {
      await client.connect();
      // LISTEN first, then read: a write committed in between is then both read and heard.
      await client.query(`listen ${DATA_VERSION_CHANNEL}`);
      const { rows } = await client.query<{ version: string }>('select version from data_version where id = 1');
      if (this.client !== client) return;
      this.known = null;
      this.advance(Number(rows[0]?.version ?? 0));
      this.options.onState?.('following');
    } catch (error) {
      lost(error as Error);
    }
  }
}
