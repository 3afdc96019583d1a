import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport, ReportParseError } from '../../../src/ingest/index.js';

const dir = join(__dirname, '../../fixtures/corpus');
const sources = readdirSync(dir).filter((f) => /\.(txt|html)$/.test(f)).sort();
const withExpected = sources.filter((f) => existsSync(join(dir, f.replace(/\.(txt|html)$/, '.expected.json'))));

function parseFile(f: string) {
  return parseReport(new Uint8Array(readFileSync(join(dir, f))), { fileName: f });
}

describe('corpus reports with hand-checked values', () => {
  for (const f of withExpected) {
    const expected = JSON.parse(readFileSync(join(dir, f.replace(/\.(txt|html)$/, '.expected.json')), 'utf8'));
    const source = readFileSync(join(dir, f), 'utf8').normalize('NFKC');
    it(`${f}: tables, version and year`, () => {
      const r = parseFile(f);
      expect(r.formatVersion).toBe(expected.formatVersion);
      expect(r.year).toBe(expected.year);
      for (const key of ['applications', 'reviewsAndLitigation', 'proactiveDisclosure'] as const) {
        if (key in expected) expect(r[key], key).toEqual(expected[key]);
      }
    });
    // Several expected names carry annotations that are not in the text ("…（办公室编制）"); no
    // text-only parser can produce those, so exactness is only demanded when the name is printed
    // (agency.test.ts says, file by file, what is returned for the others and why).
    const printed = expected.agencyName && source.includes(expected.agencyName.normalize('NFKC'));
    if (printed) {
      it(`${f}: agencyName`, () => {
        expect(parseFile(f).agencyName).toBe(expected.agencyName);
      });
    }
  }
});

describe('every corpus file', () => {
  for (const f of sources) {
    it(`${f}: parses or is refused with a clear code`, () => {
      try {
        const r = parseFile(f);
        expect(Object.keys(r.applications).length).toBeGreaterThanOrEqual(23);
        for (const finding of r.findings) expect(finding.message.length).toBeGreaterThan(10);
      } catch (e) {
        expect(e).toBeInstanceOf(ReportParseError);
        expect((e as ReportParseError).code).toBe('PRE_2019_FORMAT');
      }
    });
  }

  it('09 (pre-2019 free-form report) is refused and the message says why', () => {
    const f = sources.find((s) => s.startsWith('09_'))!;
    expect(() => parseFile(f)).toThrow(ReportParseError);
    try {
      parseFile(f);
    } catch (e) {
      expect((e as ReportParseError).code).toBe('PRE_2019_FORMAT');
      expect((e as Error).message).toMatch(/政府信息公开情况统计表/);
      expect((e as Error).message).toMatch(/2019.*2021/);
    }
  });
});
