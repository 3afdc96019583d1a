/** The documentation's queries are part of the product: every one runs, and the README's answer is the real one. */
import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { loadSamples } from '../../src/store/services/samples.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
});
afterAll(() => api?.close());

const blocks = (file: string, lang: string) => [...readFileSync(file, 'utf8').matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

describe('documented queries', () => {
  for (const file of ['README.md', 'docs/portal-queries.md']) {
    it(`every GraphQL example of ${file} runs without errors`, async () => {
      const queries = blocks(file, 'graphql');
      expect(queries.length).toBeGreaterThan(2);
      for (const query of queries) {
        // A query with variables is checked against the schema; one without runs on the sample data.
        if (/query\s*\(\s*\$/.test(query)) expect(validate(schema, parse(query)).map((e) => e.message), query).toEqual([]);
        else expect((await api.graphql(query)).errors, query).toBeUndefined();
      }
    });
  }

  it('the README shows the real answer to its example query', async () => {
    const [query] = blocks('README.md', 'graphql');
    const [answer] = blocks('README.md', 'json');
    expect(await api.graphql(query)).toEqual(JSON.parse(answer));
  });
});
