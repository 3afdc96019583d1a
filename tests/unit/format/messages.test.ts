import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, findingMessage, languageOf, renderMessage, type Finding } from '../../../src/format/index.js';
import { parseReport } from '../../../src/ingest/index.js';
import { checkAcrossYears, checkReport } from '../../../src/rules/index.js';
import { copy, corpusReport } from '../rules/support.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

/** Findings of every kind the corpus and a few tampered reports give: the parser's, R, B1, X1–X3. */
function sampleFindings(): Finding[] {
  const parsed = readdirSync(CORPUS)
    .filter((f) => /\.(html|txt)$/.test(f))
    .flatMap((f) => {
      try {
        return parseReport(readFileSync(CORPUS + f), { fileName: f }).findings;
      } catch {
        return [];
      }
    });
  const tampered = copy(corpusReport('01'));
  tampered.applications.NEW_RECEIVED.TOTAL = (tampered.applications.NEW_RECEIVED.TOTAL as number) + 1;
  const previous = copy(tampered);
  previous.year -= 1;
  previous.applications.CARRIED_FORWARD.NATURAL_PERSON = 999;
  return [...parsed, ...checkReport(tampered), ...checkAcrossYears(tampered, previous)];
}

describe('finding messages', () => {
  const findings = sampleFindings();

  it('come with a code and params from every rule and the parser, and read in Chinese by default', () => {
    expect(findings.length).toBeGreaterThan(20);
    for (const f of findings) {
      expect(FINDING_CODES, f.message).toContain(f.code);
      expect(JSON.parse(JSON.stringify(f.params)), 'params survive JSON').toEqual(f.params);
      expect(findingMessage(f)).toBe(f.message);
      // Cell paths, catalog codes and file names are the only Latin letters left in a Chinese message.
      const words = findingMessage(f, 'zh').replace(/\S+\.(txt|html)/g, '').replace(/[A-Za-z]+(\.[A-Z0-9_]+)+/g, '').replace(/\b[A-Z0-9_]+\b/g, '');
      expect(words, f.message).not.toMatch(/[a-z]{3,}/);
    }
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['EQUATION_FAILS', 'CARRIED_OVER_MISMATCH']) expect(codes).toContain(code);
  });

  it('read in English on request, naming the same official labels', () => {
    const r1 = findings.find((f) => f.code === 'EQUATION_FAILS')!;
    expect(findingMessage(r1, 'en')).toMatch(/^R\d fails in /);
    expect(findingMessage(r1, 'zh')).toMatch(/^R\d 不成立/);
  });

  it('keep the stored words of a finding without a code', () => {
    expect(findingMessage({ message: 'stored words', code: null, params: null }, 'en')).toBe('stored words');
    expect(findingMessage({ message: 'stored words', code: 'EQUATION_FAILS', params: { unexpected: true } }, 'en')).toBe('stored words');
  });

  it('render every code in both languages', () => {
    const params = { item: 'REGULATIONS', columns: 3 };
    expect(renderMessage({ code: 'DISCLOSURE_GLUED_UNSPLITTABLE', params }, 'zh')).toBe('表二 REGULATIONS：粘连的数字无法切分为 3 个数；留空');
    expect(renderMessage({ code: 'DISCLOSURE_GLUED_UNSPLITTABLE', params }, 'en')).toBe('表二 REGULATIONS: glued digits cannot be cut into 3 numbers; left blank');
  });
});

describe('the language of a request', () => {
  it.each([
    [null, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0.2, zh;q=0.8', 'zh'],
    ['de', 'zh'],
    ['en;q=0', 'zh'],
  ])('Accept-Language %j is %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});
