/**
 * Once per test run: a PostgreSQL server (TEST_DATABASE_URL, or an embedded one in a throw-away
 * folder) and a template database with every migration applied. Each test file then clones the
 * template into its own database, so files run in parallel from known data.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/store/embedded-postgres.js';
import { migrate, openOrm } from '../../src/store/orm.js';
import { syncRegions } from '../../src/store/services/regions-sync.js';
import { adminQuery, databaseUrlFor } from './databases.js';

export const TEMPLATE_DATABASE = `nianbao_template_${process.pid}`;

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}

let embedded: EmbeddedPostgres | undefined;
let tempDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    tempDir = mkdtempSync(path.join(tmpdir(), 'nianbao-test-pg-'));
    chmodSync(tempDir, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach it
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'data'), database: 'postgres' });
    serverUrl = embedded.url;
  }
  await adminQuery(serverUrl, `drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await adminQuery(serverUrl, `create database ${TEMPLATE_DATABASE}`);
  const orm = await openOrm({ databaseUrl: databaseUrlFor(serverUrl, TEMPLATE_DATABASE) });
  try {
    await migrate(orm);
    await syncRegions(orm.em.fork());
  } finally {
    await orm.close();
  }
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);
}

export async function teardown(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) await adminQuery(serverUrl, `drop database if exists ${TEMPLATE_DATABASE} with (force)`).catch(() => undefined);
  await embedded?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
