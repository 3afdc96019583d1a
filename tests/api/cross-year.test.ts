/**
 * The cross-year rule X1 (上年结转 of year N = 结转下年度 of year N−1) follows whichever of the two
 * years is imported last, and goes away when the report is corrected.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importReport } from '../../src/store/services/import.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const expected = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/corpus/${name}.expected.json`, import.meta.url), 'utf8'));
const store = (report: object) =>
  importReport(api.orm.em.fork(), { content: JSON.stringify({ ...report, sections: [], findings: [] }), kind: 'JSON', overrides: { agencyName: '平潭综合实验区管委会', regionCode: '350128' } });

async function findingsOf(year: number): Promise<{ rule: string; cells: string[] }[]> {
  const result = await api.graphql(`{ reports(filter: { year: ${year} }) { edges { node { findings { rule severity cells expected actual } } } } }`);
  return result.data.reports.edges[0].node.findings;
}

describe('X1 across years', () => {
  it('is checked when the later year arrives first, when the earlier year arrives, and again after a correction', async () => {
    const y2024 = expected('02_pingtan_2024');
    const y2023 = expected('04_pingtan_2023');
    await store(y2024);
    expect((await findingsOf(2024)).filter((f) => f.rule === 'X1')).toEqual([]);

    // 2023 arrives with a wrong 结转下年度: 2024's 上年结转 no longer matches.
    const wrong = structuredClone(y2023);
    wrong.applications.CARRIED_FORWARD.NATURAL_PERSON += 2;
    wrong.applications.CARRIED_FORWARD.TOTAL += 2;
    await store(wrong);
    const x1 = (await findingsOf(2024)).filter((f) => f.rule === 'X1');
    expect(x1.map((f) => f.cells).flat()).toEqual(
      expect.arrayContaining(['applications.CARRIED_OVER.NATURAL_PERSON', 'applications.CARRIED_OVER.TOTAL']),
    );
    expect(x1.every((f: any) => f.severity === 'WARNING')).toBe(true);

    // The corrected 2023 report clears it.
    await store(y2023);
    expect((await findingsOf(2024)).filter((f) => f.rule === 'X1')).toEqual([]);
  });
});
