/**
 * A portal walks the GB/T 2260 tree (with the irregular municipalities and province-managed
 * counties), resolves an agency's region and its parents without N+1, and filters by any subtree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../../src/store/services/samples.js';
import { syncRegions } from '../../src/store/services/regions-sync.js';
import { createTestApi, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
  await loadSamples(api.orm.em.fork());
});
afterAll(() => api?.close());

const REGION = 'code name fullName level prefix directlyUnderProvince parent { code name } ancestors { code } children { code }';

describe('regions', () => {
  it('loads the dataset once: a second sync changes nothing, in one statement; a region changed by hand is mended', async () => {
    api.statements.length = 0;
    expect(await syncRegions(api.orm.em.fork())).toEqual({ changed: 0, total: 3371 });
    // A table in sync is told by its fingerprint: the upsert (which locks every row) is not sent.
    expect(api.statements.filter((s) => /\bregion\b/.test(s))).toHaveLength(1);
    const connection = api.orm.em.getConnection();
    await connection.execute(`update region set full_name = '福建省福州市平潭' where code = '350128'`);
    try {
      expect(await syncRegions(api.orm.em.fork())).toEqual({ changed: 1, total: 3371 });
    } finally {
      const [row] = await connection.execute(`select full_name from region where code = '350128'`);
      expect(row.full_name).toBe('福建省福州市平潭县');
    }
  });

  it('lists the provinces, and the tree below one', async () => {
    const top = await api.graphql(`{ regions { code name level } }`);
    expect(top.data.regions).toHaveLength(34);
    expect(top.data.regions[12]).toEqual({ code: '350000', name: '福建省', level: 'PROVINCE' });
    const fujian = await api.graphql(`{ region(code: "35") { ${REGION} } }`);
    expect(fujian.data.region).toMatchObject({ code: '350000', fullName: '福建省', prefix: '35', parent: null, ancestors: [] });
    expect(fujian.data.region.children.map((c: any) => c.code)).toEqual(['350100', '350200', '350300', '350400', '350500', '350600', '350700', '350800', '350900']);
    const pingtan = await api.graphql(`{ region(code: "350128") { ${REGION} } }`);
    expect(pingtan.data.region).toEqual({
      code: '350128', name: '平潭县', fullName: '福建省福州市平潭县', level: 'COUNTY', prefix: '350128', directlyUnderProvince: false,
      parent: { code: '350100', name: '福州市' }, ancestors: [{ code: '350000' }, { code: '350100' }], children: [],
    });
  });

  it('puts municipalities’ districts and province-managed counties directly under the province', async () => {
    const dongcheng = await api.graphql(`{ region(code: "110101") { ${REGION} } }`);
    expect(dongcheng.data.region).toMatchObject({ fullName: '北京市东城区', level: 'COUNTY', directlyUnderProvince: true, parent: { code: '110000' }, ancestors: [{ code: '110000' }] });
    const beijing = await api.graphql(`{ region(code: "110000") { children { code level } } }`);
    expect(beijing.data.region.children).toHaveLength(16);
    expect(new Set(beijing.data.region.children.map((c: any) => c.level))).toEqual(new Set(['COUNTY']));
    const chongqing = await api.graphql(`{ regions(parentCode: "50") { code } }`);
    expect(chongqing.data.regions).toHaveLength(38);
    const jiyuan = await api.graphql(`{ region(code: "419001") { ${REGION} } }`);
    expect(jiyuan.data.region).toMatchObject({ fullName: '河南省济源市', directlyUnderProvince: true, parent: { code: '410000' }, ancestors: [{ code: '410000' }] });
    // The dataset's pseudo-prefecture "省直辖县级行政区划" is not a division.
    expect((await api.graphql(`{ region(code: "419000") { code } }`)).data.region).toBeNull();
  });

  it('finds divisions by name and level', async () => {
    const found = await api.graphql(`{ regions(nameContains: "平潭") { code fullName } counties: regions(level: COUNTY, limit: 5000) { code } }`);
    expect(found.data.regions).toEqual([{ code: '350128', fullName: '福建省福州市平潭县' }]);
    expect(found.data.counties).toHaveLength(3004);
  });

  it('rejects malformed codes', async () => {
    const bad = await api.graphql(`{ region(code: "3") { code } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves every agency’s region and parents in a constant number of statements', async () => {
    api.statements.length = 0;
    const result = await api.graphql(`{ reports(first: 50, orderBy: AGENCY_NAME_ASC) { edges { node { agency { name region { name level parent { name } ancestors { name } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const agencies = result.data.reports.edges.map((e: any) => e.node.agency);
    const shanting = agencies.find((a: any) => a.name.startsWith('枣庄'));
    expect(shanting.region).toEqual({ name: '山亭区', level: 'COUNTY', parent: { name: '枣庄市' }, ancestors: [{ name: '山东省' }, { name: '枣庄市' }] });
    const shanghai = agencies.find((a: any) => a.name.startsWith('上海市人民政府'));
    expect(shanghai.region).toEqual({ name: '上海市', level: 'PROVINCE', parent: null, ancestors: [] });
    // reports page, regions of the agencies, then their parents and ancestors (one batch per depth)
    expect(api.statements).toHaveLength(3);
  });

  it('filters reports by a region’s subtree, from its prefix', async () => {
    const result = await api.graphql(`{ region(code: "370400") { prefix } }`);
    const listing = await api.graphql(`query($p: String!) { reports(filter: { regionCode: $p }) { totalCount } }`, { p: result.data.region.prefix });
    expect(listing.data.reports.totalCount).toBe(1);
  });
});
