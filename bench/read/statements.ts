/** SQL statements per request: each scenario sent once to an in-process app whose database calls are counted. */
import { createApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { openOrm } from '../../src/store/orm.js';
import { ReadPool } from '../../src/store/read-pool.js';
import type { Scenario } from './scenarios.js';

export async function countStatements(databaseUrl: string, scenarios: Scenario[]): Promise<Map<string, number>> {
  let count = 0;
  const orm = await openOrm({ databaseUrl, poolMax: 2, onQuery: (message) => {
      // MikroORM colours its log lines on a terminal: strip the colour codes before looking for a verb.
      const plain = message.replace(/\x1b\[[0-9;]*m/g, '');
      if (/\b(select|insert|update|delete|with)\b/i.test(plain)) {
        count++;
        if (process.env.BENCH_SHOW_SQL) process.stdout.write(`${plain}\n`);
      }
    } });
  const reader = new ReadPool({
    connectionString: databaseUrl,
    max: 2,
    onStatement: (text) => {
      count++;
      if (process.env.BENCH_SHOW_SQL) process.stdout.write(`[read] ${text}\n`);
    },
  });
  const app = createApp({ orm, reader, logger: createLogger('silent'), apiTokens: [], maxImportBytes: 1024 });
  const counts = new Map<string, number>();
  try {
    for (const s of scenarios) {
      const send = () => app.fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: s.graphql, variables: s.variables(1) }) }));
      await (await send()).text();
      count = 0;
      await (await send()).text();
      counts.set(s.name, count);
    }
  } finally {
    await reader.close();
    await orm.close();
  }
  return counts;
}
