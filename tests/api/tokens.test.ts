/**
 * Scoped API tokens, as an administrator and agency staff use them: an ADMIN creates an EDITOR for
 * the region 3501 (over GraphQL or `npm run token`); the secret is shown once and stored hashed; the
 * EDITOR writes the reports of its region and nothing else; every write names its token; a revoked
 * token stops at once. Tokens of NIANBAO_API_TOKENS keep working as ADMIN.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const admin = { authorization: `Bearer ${EDITOR_TOKEN}` };
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const corpus = (name: string) => readFileSync(new URL(`../fixtures/corpus/${name}`, import.meta.url), 'utf8');
const PINGTAN = { content: corpus('02_pingtan_2024.txt'), agencyName: '平潭综合实验区管理委员会', regionCode: '350128' };
const SHANTING = { content: corpus('01_shanting_zaozhuang_2024.txt'), agencyName: '枣庄市山亭区人民政府', regionCode: '370406' };
const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) { __typename ... on ImportReportSuccess { report { id version } } } }`;
const CREATE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret token { name role regionPrefixes agencyIds revokedAt } } }`;

let editorSecret: string;

describe('tokens created over GraphQL', () => {
  it('are created by an ADMIN only, with the secret shown once and stored hashed', async () => {
    const created = await api.graphql(CREATE, { input: { name: 'fuzhou-editor', role: 'EDITOR', regionPrefixes: ['3501'] } }, admin);
    expect(created.errors).toBeUndefined();
    editorSecret = created.data.createApiToken.secret;
    expect(editorSecret).toMatch(/^nb_[\w-]{32}$/);
    expect(created.data.createApiToken.token).toEqual({ name: 'fuzhou-editor', role: 'EDITOR', regionPrefixes: ['3501'], agencyIds: [], revokedAt: null });

    const listed = await api.graphql(`{ apiTokens { name role regionPrefixes } }`, undefined, admin);
    expect(listed.data.apiTokens).toEqual([{ name: 'fuzhou-editor', role: 'EDITOR', regionPrefixes: ['3501'] }]);
    expect(JSON.stringify(listed)).not.toContain(editorSecret);
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    const stored = JSON.stringify((await client.query('select * from api_token')).rows);
    await client.end();
    expect(stored).not.toContain(editorSecret);

    const byEditor = await api.graphql(CREATE, { input: { name: 'sneaky', role: 'ADMIN' } }, bearer(editorSecret));
    expect(byEditor.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/needs an ADMIN token/) });
    expect((await api.graphql(`{ apiTokens { name } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuse a taken name, and an EDITOR without a scope', async () => {
    const taken = await api.graphql(CREATE, { input: { name: 'fuzhou-editor', role: 'EDITOR', regionPrefixes: ['35'] } }, admin);
    expect(taken.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/exists already/) });
    const unscoped = await api.graphql(CREATE, { input: { name: 'everything', role: 'EDITOR' } }, admin);
    expect(unscoped.errors?.[0].message).toMatch(/an EDITOR needs a scope/);
    const badPrefix = await api.graphql(CREATE, { input: { name: 'odd', role: 'EDITOR', regionPrefixes: ['350'] } }, admin);
    expect(badPrefix.errors?.[0].message).toMatch(/"350" is not 2, 4 or 6 digits/);
  });
});

describe('an EDITOR scoped to 3501', () => {
  it('imports, corrects, publishes and deletes reports of its region, and nothing outside it', async () => {
    const own = await api.graphql(IMPORT, { input: { ...PINGTAN, status: 'DRAFT' } }, bearer(editorSecret));
    expect(own.data.importReport.__typename).toBe('ImportReportSuccess');
    const ownId = own.data.importReport.report.id;

    const outside = await api.graphql(IMPORT, { input: SHANTING }, bearer(editorSecret));
    expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/"fuzhou-editor" may write only reports of its scope \(region 3501\)/) });
    expect((await api.graphql(`{ reports { totalCount } }`, undefined, admin)).data.reports.totalCount).toBe(1);

    const other = (await api.graphql(IMPORT, { input: SHANTING }, admin)).data.importReport.report;
    const writes = [
      [`mutation($id: ID!) { correctReport(reportId: $id, cells: [{ cell: "applications.NEW_RECEIVED.TOTAL", value: 1 }]) { __typename } }`, 'CORRECT'],
      [`mutation($id: ID!) { publishReport(id: $id) { id } }`, 'PUBLISH'],
      [`mutation($id: ID!) { deleteReport(id: $id) }`, 'DELETE'],
    ];
    for (const [mutation] of writes) {
      const refused = await api.graphql(mutation, { id: other.id }, bearer(editorSecret));
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const untouched = await api.graphql(`query($id: ID!) { report(id: $id) { version } }`, { id: other.id });
    expect(untouched.data.report.version).toBe(other.version);

    for (const [mutation] of writes) {
      const done = await api.graphql(mutation, { id: ownId }, bearer(editorSecret));
      expect(done.errors).toBeUndefined();
    }
  });

  it('is named by every write it makes, as a configured token is', async () => {
    const imported = await api.graphql(IMPORT, { input: PINGTAN }, bearer(editorSecret));
    const id = imported.data.importReport.report.id;
    await api.graphql(`mutation($id: ID!) { publishReport(id: $id, publishedOn: "2025-01-31") { id } }`, { id }, admin);
    const log = await api.graphql(`query($id: ID!) { report(id: $id) { writes { action tokenName } } }`, { id }, admin);
    expect(log.data.report.writes).toEqual([
      { action: 'IMPORT', tokenName: 'fuzhou-editor' },
      { action: 'PUBLISH', tokenName: 'NIANBAO_API_TOKENS #1' },
    ]);
    expect((await api.graphql(`query($id: ID!) { report(id: $id) { writes { action } } }`, { id })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops working the moment it is revoked', async () => {
    const revoked = await api.graphql(`mutation { revokeApiToken(name: "fuzhou-editor") { name revokedAt } }`, undefined, admin);
    expect(revoked.data.revokeApiToken.revokedAt).toMatch(/^\d{4}-/);
    const after = await api.graphql(IMPORT, { input: PINGTAN }, bearer(editorSecret));
    expect(after.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/not valid \(unknown or revoked\)/) });
  });
});

describe('npm run token', () => {
  const run = promisify(execFile);
  const token = async (...args: string[]) => {
    try {
      const { stdout } = await run('npm', ['run', '--silent', 'token', '--', ...args], { env: { ...process.env, DATABASE_URL: api.databaseUrl } });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return e;
    }
  };

  it('creates (showing the secret once), lists and revokes tokens', async () => {
    const created = await token('create', '--name', 'cli-editor', '--role', 'EDITOR', '--region', '3501');
    expect(created.code).toBe(0);
    const secret = /\n {2}(nb_[\w-]+)\n/.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(created.stdout).toMatch(/created EDITOR token "cli-editor" \(region 3501\)/);
    const imported = await api.graphql(IMPORT, { input: PINGTAN }, bearer(secret!));
    expect(imported.data.importReport.__typename).toBe('ImportReportSuccess');

    const listed = await token('list');
    expect(listed.stdout).toMatch(/^cli-editor\tEDITOR\tregion 3501\tcreated /m);
    expect(listed.stdout).not.toContain(secret);

    expect((await token('revoke', 'cli-editor')).stdout).toBe('revoked "cli-editor"\n');
    expect((await api.graphql(IMPORT, { input: PINGTAN }, bearer(secret!))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const usage = await token('create', '--name', 'x');
    expect(usage.code).toBe(64);
    expect(usage.stderr).toMatch(/create needs --name and --role ADMIN or EDITOR/);
  }, 60_000);
});
