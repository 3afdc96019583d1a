/**
 * Search indexing is linear in the text's length, and indexes exactly as before: the migrated
 * nianbao_bigrams gives the same lexemes as the quadratic function it replaced for every input, so
 * the GIN indexes built with the old one stay valid. Long reports import, or are refused as too
 * large to index, never an internal error.
 */
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, EDITOR_TOKEN, type TestApi } from '../support/api.js';
import { seededRandom } from '../../src/store/services/seeded-random.js';
import { Migration20261206045502_linear_bigrams } from '../../migrations/Migration20261206045502_linear_bigrams.js';

let api: TestApi;
let client: pg.Client;
beforeAll(async () => {
  api = await createTestApi();
  client = new pg.Client({ connectionString: api.databaseUrl });
  await client.connect();
  // The function the migration replaced, as its down() restores it, under another name to compare against.
  const migration = new Migration20261206045502_linear_bigrams(api.orm.em.getDriver(), api.orm.config);
  await migration.down();
  const [previous] = migration.getQueries().map(String);
  expect(previous).toMatch(/grams := grams \|\| substr/);
  await client.query(previous.replace('create or replace function nianbao_bigrams(', 'create function pg_temp.previous_bigrams('));
});
afterAll(async () => {
  await client?.end();
  await api?.close();
});

const corpusDir = new URL('../fixtures/corpus/', import.meta.url);
const corpusTexts = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(new URL(f, corpusDir), 'utf8'));

function randomText(length: number, seed: number): string {
  const random = seededRandom(seed);
  const pools = ['政府信息公开年度报告依申请主动', 'abcXYZ0123', ' \t\n\u3000', '，。、；：！？（）《》“”', 'ＡＢＣ１２３', '😀𠀋é̃'];
  let text = '';
  while (text.length < length) {
    const pool = pools[Math.floor(random() * pools.length)];
    text += [...pool][Math.floor(random() * [...pool].length)];
  }
  return text;
}

describe('nianbao_bigrams', () => {
  it('gives exactly the lexemes of the function it replaced', async () => {
    const inputs: (string | null)[] = [
      null, '', ' ', '\u3000\t\n', '政', 'ab', 'a b', ' 政务 ', '政务公开', 'ABC abc', '。', '，。', '电商电商电商', 'Ｅ商１２', '😀', '😀😀a',
      'e\u0301', 'ﬁ', '政府  信息\n公开\t工作', 'https://www.example.gov.cn/a?b=c', '１９９９年度（试行）',
      ...Array.from({ length: 20 }, (_, i) => randomText(1 + i * 37, i + 1)),
      ...corpusTexts.map((t) => t.slice(0, 4000)),
    ];
    const { rows } = await client.query<{ input: string | null; same: boolean; now: string; before: string }>(
      `select input, nianbao_bigrams(input) = pg_temp.previous_bigrams(input) as same,
              nianbao_bigrams(input)::text as now, pg_temp.previous_bigrams(input)::text as before
         from unnest($1::text[]) as input`,
      [inputs],
    );
    expect(rows).toHaveLength(inputs.length);
    expect(rows.filter((r) => !r.same).map((r) => ({ input: r.input?.slice(0, 40), now: r.now.slice(0, 80), before: r.before.slice(0, 80) }))).toEqual([]);
    expect(rows.find((r) => r.input === '政务公开')?.now).toBe("'公开' '务公' '开' '政务'");
  });
});

describe('importing a long report', () => {
  const IMPORT = `mutation($input: ImportReportInput!) { importReport(input: $input) {
    __typename ... on ImportReportSuccess { report { id sections { code } } } ... on ImportReportRefused { code message } } }`;
  const base = readFileSync(new URL('01_shanting_zaozhuang_2024.txt', corpusDir), 'utf8');
  const sentences = base.split(/(?<=。)/).filter((s) => s.length > 10 && !/\d/.test(s));

  /** The sample report with its first part grown to `length` characters of its own sentences. */
  function longReport(length: number): string {
    const random = seededRandom(7);
    let extra = '';
    while (extra.length < length) extra += sentences[Math.floor(random() * sentences.length)];
    const at = base.indexOf('一、总体情况') + '一、总体情况'.length + 1;
    return base.slice(0, at) + extra + '\n' + base.slice(at);
  }

  it('imports a 2 MB report, searchable', async () => {
    const content = longReport(695_000);
    expect(Buffer.byteLength(content)).toBeGreaterThan(2_000_000);
    const input = { content, agencyName: '枣庄市山亭区人民政府', regionCode: '370406' };
    const result = await api.graphql(IMPORT, { input }, { authorization: `Bearer ${EDITOR_TOKEN}` });
    expect(result.data.importReport.__typename).toBe('ImportReportSuccess');
    const found = await api.graphql(`{ search(query: "走深走实") { totalCount } }`);
    expect(found.data.search.totalCount).toBe(1);
  }, 60_000);

  it('refuses a text with too many distinct character pairs to index, saying so, on every server', async () => {
    // 300,000 random characters of a 20,000-character range: about as many distinct pairs, over the
    // 1 MB of lexemes a tsvector addresses (PostgreSQL 18 would build a vector that finds nothing past it).
    const random = seededRandom(3);
    const noise = Array.from({ length: 300_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20_000))).join('');
    const at = base.indexOf('一、总体情况') + '一、总体情况'.length + 1;
    const content = base.slice(0, at) + noise + '\n' + base.slice(at);
    const result = await api.graphql(IMPORT, { input: { content, agencyName: '枣庄市山亭区人民政府', regionCode: '370406' } }, { authorization: `Bearer ${EDITOR_TOKEN}` });
    expect(result.data.importReport).toMatchObject({ __typename: 'ImportReportRefused', code: 'TOO_LARGE' });
    expect(result.data.importReport.message).toMatch(/search/);
  }, 60_000);

  it('finds words anywhere in the longest part it accepts', async () => {
    // 100,000 distinct pairs (≈ 600 kB of lexemes): under the limit, and found at its far end.
    const random = seededRandom(4);
    const noise = Array.from({ length: 100_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20_000))).join('');
    const vector = await client.query('select nianbao_bigrams($1) @@ $2::tsquery as hit', [noise, `'${noise.slice(-3, -1)}' & '${noise.slice(-2)}'`]);
    expect(vector.rows[0].hit).toBe(true);
  }, 60_000);
});
