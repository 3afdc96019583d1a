/**
 * The research corpus keeps NAME.meta.json beside its reports in its own words (agency, region as a
 * name, level in prose, source_url_or_repo_path): the import reads them as its sidecar keys where
 * they can be read so, and says what it left out.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSidecar } from '../../../src/cli/import-files.js';

const corpus = (name: string) => path.join('tests/fixtures/corpus', name);

describe('a sidecar in the corpus’s spelling', () => {
  it('gives the agency, its region from the region’s name, the year and the page’s URL', () => {
    const shanting = readSidecar(corpus('01_shanting_zaozhuang_2024.meta.json'));
    expect(shanting.overrides).toEqual({ agencyName: '枣庄市山亭区人民政府', regionCode: '370406', year: 2024 });
    // No URL in its source note, and its level is prose: both left out, and said.
    expect(shanting.warnings.join('\n')).toMatch(/source_url_or_repo_path .* holds no http\(s\) URL: ignored/);
    expect(shanting.warnings.join('\n')).toMatch(/level "county\/district government \(区政府\)" is not one of NATIONAL, .*: ignored/);

    const pingtan = readSidecar(corpus('02_pingtan_2024.meta.json'));
    // The archive's copy names the original page after "original:".
    expect(pingtan.overrides).toEqual({ agencyName: '平潭综合实验区管委会（平潭县人民政府）', year: 2024, sourceUrl: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm' });
    // 福建省平潭综合实验区 starts with a province but is no division: not taken for 福建省.
    expect(pingtan.warnings.join('\n')).toMatch(/region "福建省平潭综合实验区" is not the name of one GB\/T 2260 division: ignored/);
  });

  it('drops a researcher’s half-width remark from the agency name, never the official full-width brackets', () => {
    const district = readSidecar(corpus('17_district_tongjiju_2023_excerpt.meta.json'));
    expect(district.overrides.agencyName).toBe('区统计局');
    expect(readSidecar(corpus('13_huaian_city_2024_pdftotext.meta.json')).overrides).toMatchObject({ agencyName: '淮安市人民政府（办公室编制）', regionCode: '320800' });
  });

  it('reads every corpus sidecar without refusing one', () => {
    const files = readdirSync('tests/fixtures/corpus').filter((f) => f.endsWith('.meta.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(() => readSidecar(corpus(file)), file).not.toThrow();
  });
});
