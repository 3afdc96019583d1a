import { describe, expect, it } from 'vitest';
import { validateInterchange } from '../../../src/format/index.js';
import { corpusReport } from '../rules/support.js';

const withFindings = (findings: unknown[]) => ({ ...corpusReport('01'), findings });

describe('imported findings', () => {
  it('keep a known code with its params, and the words of a finding without one', () => {
    const coded = { rule: 'PARSE', severity: 'INFO', code: 'REVIEWS_REASSEMBLED', params: {}, message: '表四：…', cells: [] };
    const plain = { rule: 'SPLIT', severity: 'WARNING', message: 'older words', cells: [] };
    const result = validateInterchange(withFindings([coded, plain]));
    expect(result.ok && result.report.findings).toEqual([coded, plain]);
  });

  it('refuse an unknown rule or code, saying which are known', () => {
    const result = validateInterchange(withFindings([
      { rule: 'Z9', severity: 'INFO', message: 'x', cells: [] },
      { rule: 'PARSE', severity: 'INFO', code: 'NO_SUCH_CODE', params: {}, message: 'x', cells: [] },
      { rule: 'PARSE', severity: 'INFO', code: 'REVIEWS_REASSEMBLED', params: 'not an object', message: 'x', cells: [] },
    ]));
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => i.path)).toEqual(['findings[0]', 'findings[1].code', 'findings[2].code']);
    expect(issues[0].message).toMatch(/R1, R2, R3, R4, X1, X2, X3, B1, PARSE, SPLIT/);
    expect(issues[1].message).toMatch(/EQUATION_FAILS/);
  });
});
