/**
 * Hostile sizes and shapes: every reader is linear in its input, or refuses it early with a code and
 * a message that names the limit. Time is compared between one input and the same shape eight times
 * larger (CPU time, best of three): linear work grows about 8×, the quadratic work these shapes
 * used to trigger (a 200 KB table: 29 s) grows 64×. No absolute time is asserted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_CHARACTERS, parseReport, ReportParseError } from '../../../src/ingest/index.js';
import { MAX_HTML_DEPTH } from '../../../src/ingest/html.js';
import { english } from '../support/findings.js';

const corpus = (name: string) => readFileSync(join(__dirname, '../../fixtures/corpus', name), 'utf8');
const shanting = corpus('01_shanting_zaozhuang_2024.txt');
const huaian = corpus('13_huaian_city_2024_pdftotext.txt');

function refusal(run: () => unknown): ReportParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportParseError) return error;
    throw error;
  }
  throw new Error('not refused');
}

function cpuMillis(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Parses (or refuses) `make(1)` and `make(8)`; returns how many times longer the larger took. */
function growth(make: (scale: number) => string, kind?: 'html' | 'text'): number {
  const attempt = (source: string) => () => {
    try {
      parseReport(source, { kind });
    } catch (error) {
      if (!(error instanceof ReportParseError)) throw error;
    }
  };
  const small = make(1);
  const large = make(8);
  attempt(small)(); // warm up the code paths
  return cpuMillis(attempt(large)) / Math.max(1, cpuMillis(attempt(small)));
}

const repeat = (text: string, chars: number) => text.repeat(Math.max(1, Math.ceil(chars / text.length)));
const tableRows = huaian.split('\n').filter((l) => /\d\s+\d/.test(l)).join('\n') + '\n';

describe('limits', () => {
  it('a text over the size limit is refused at once (TOO_LARGE, naming the limit)', () => {
    const error = refusal(() => parseReport('年'.repeat(MAX_SOURCE_CHARACTERS + 1)));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain(String(MAX_SOURCE_CHARACTERS));
    expect(refusal(() => parseReport(new Uint8Array(4 * MAX_SOURCE_CHARACTERS + 1))).code).toBe('TOO_LARGE');
  });

  it('HTML nested 25,000 deep is refused (TOO_DEEP, naming the limit); a report inside 400 levels still reads', () => {
    const deep = `<html><body>${'<div>'.repeat(25_000)}${'</div>'.repeat(25_000)}</body></html>`;
    const error = refusal(() => parseReport(deep, { kind: 'html' }));
    expect(error.code).toBe('TOO_DEEP');
    expect(error.message).toContain(String(MAX_HTML_DEPTH));
    const form = readFileSync(join(__dirname, '../../fixtures/ingest/01_form.html'), 'utf8');
    const body = form.slice(form.indexOf('<body'), form.lastIndexOf('</body>'));
    const nested = `<html><body>${'<div>'.repeat(400)}${body}${'</div>'.repeat(400)}</body></html>`;
    expect(parseReport(nested, { kind: 'html' }).applications).toEqual(parseReport(form, { kind: 'html' }).applications);
  });

  const shapes: [string, (scale: number) => string, ('html' | 'text')?][] = [
    ['pdftotext table rows (the markdown-rule pattern backtracked across lines)', (k) => huaian + repeat(tableRows, 60_000 * k)],
    ['blank lines after a table (squeezing them overflowed the stack)', (k) => huaian + '\n'.repeat(200_000 * k)],
    ['one long line of prose', (k) => shanting + repeat('文字。', 150_000 * k)],
    ['a report repeated', (k) => repeat(`${shanting}\n`, 150_000 * k)],
    ['closing tags that match nothing, under 500 open elements', (k) => `<html><body>${'<span>'.repeat(500)}${repeat('</x>', 40_000 * k)}<p>${shanting}</p></body></html>`, 'html'],
    ['tables nested in cells up to the depth limit, repeated', (k) => `<html><body>${repeat(`${'<table><tr><td>'.repeat(160)}1${'</td></tr></table>'.repeat(160)}`, 40_000 * k)}<p>${shanting}</p></body></html>`, 'html'],
  ];
  for (const [name, make, kind] of shapes) {
    it(`linear: ${name}`, () => {
      expect(growth(make, kind)).toBeLessThan(24);
    }, 60_000);
  }
});

describe('values beyond what can be stored', () => {
  it('a 21-digit count and an amount with more decimals than the table keeps are blank, each with a finding naming its cell', () => {
    const src = shanting.replace('\t98001\n', '\t123456789012345678901\n').replace('\t1421\n', '\t1421.1234567\n');
    expect(src).not.toBe(shanting);
    const r = parseReport(src);
    expect(r.proactiveDisclosure.ADMINISTRATIVE_PUNISHMENT.DECISIONS).toBeNull();
    expect(r.proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT).toBeNull();
    const unreadable = r.findings.filter((f) => f.code === 'CELL_UNREADABLE');
    expect(unreadable.map((f) => [f.cells, f.severity, (f.params as { reason: string }).reason])).toEqual([
      [['proactiveDisclosure.ADMINISTRATIVE_PUNISHMENT.DECISIONS'], 'WARNING', 'NUMBER_TOO_LARGE'],
      [['proactiveDisclosure.ADMINISTRATIVE_FEES.FEE_AMOUNT'], 'WARNING', 'BEYOND_PRECISION'],
    ]);
    expect(english(unreadable[0])).toContain('123456789012345678901');
    // Everything else reads as before.
    expect(r.applications).toEqual(parseReport(shanting).applications);
  });
});
