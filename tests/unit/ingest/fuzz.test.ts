/**
 * Robustness on text the parser has never seen: corpus reports mutated the way real copies are
 * damaged (lines lost or doubled, junk, full/half-width swaps, page numbers and running headers,
 * hard wraps, GBK bytes). Deterministic: a seeded PRNG, so a failure names its seed.
 */
import { seededRandom as prng } from '../../../src/store/services/seeded-random.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSpec, validateInterchange, type InterchangeReport } from '../../../src/format/index.js';
import { parseReport, ReportParseError } from '../../../src/ingest/index.js';

const fixtures = join(__dirname, '../../fixtures');
const dir = join(fixtures, 'corpus');
const documents = join(fixtures, 'documents');
const sources = [
  ...readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') })),
  // pdftotext -layout of PDFs: read by position (src/ingest/pdf/text-runs.ts)
  ...readdirSync(documents)
    .filter((f) => f.endsWith('.layout.txt'))
    .sort()
    .map((f) => ({ f, text: readFileSync(join(documents, f), 'utf8') })),
];
const gbk = new Uint8Array(readFileSync(join(fixtures, 'gbk/01_shanting_zaozhuang_2024.gb18030.txt')));

type Rand = ReturnType<typeof prng>;
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, n: number) => Math.floor(r() * n);

const JUNK = ['|', '||', '\t', '&nbsp;', '<td>', '</tr>', '-', '—', '/', '无', '0', '12', '3.5', '（', '）', '、', '。', '：', '"', '“', '\u200b', '\ufeff', '一、', '三、', '总计', '其他', '行政复议', '规章', '第二十条第（一）项', '申请人情况', '年', '2024年', '\n', '\n\n', ' ', '　', '¥', '%', '#', '**', 'abc', '\\"'];
const HEADERS = ['- 3 -', '—4—', '第 5 页 共 9 页', '2024年政府信息公开工作年度报告', '-12-', '· 7 ·', '## 表三：收到和处理政府信息公开申请情况'];
const FULL = '０１２３４５６７８９';

function swapWidth(s: string, r: Rand): string {
  const toFull = r() < 0.5;
  return s.replace(/[0-9０-９()（）:：,，.．]/g, (c) => {
    if (r() < 0.5) return c;
    if (toFull && /[0-9]/.test(c)) return FULL[Number(c)];
    if (!toFull && /[０-９]/.test(c)) return String(FULL.indexOf(c));
    const pairs: Record<string, string> = { '(': '（', ')': '）', ':': '：', ',': '，', '.': '．', '（': '(', '）': ')', '：': ':', '，': ',', '．': '.' };
    return pairs[c] ?? c;
  });
}

function wrap(s: string, r: Rand): string {
  const width = 8 + int(r, 40);
  return s
    .split('\n')
    .map((l) => (l.length > width && r() < 0.7 ? l.match(new RegExp(`[^]{1,${width}}`, 'g'))!.join('\n') : l))
    .join('\n');
}

function mutate(text: string, r: Rand): { text: string; ops: string[] } {
  const ops: string[] = [];
  let lines = text.split('\n');
  const n = 1 + int(r, 6);
  for (let k = 0; k < n; k++) {
    const op = int(r, 8);
    const at = int(r, Math.max(1, lines.length));
    switch (op) {
      case 0:
        lines.splice(at, 1 + int(r, 3));
        ops.push(`delete@${at}`);
        break;
      case 1:
        lines.splice(at, 0, ...lines.slice(at, at + 1 + int(r, 3)));
        ops.push(`dup@${at}`);
        break;
      case 2: {
        const line = lines[at] ?? '';
        const pos = int(r, line.length + 1);
        const junk = Array.from({ length: 1 + int(r, 4) }, () => pick(r, JUNK)).join('');
        lines[at] = line.slice(0, pos) + junk + line.slice(pos);
        ops.push(`junk@${at}`);
        break;
      }
      case 3:
        lines = swapWidth(lines.join('\n'), r).split('\n');
        ops.push('width');
        break;
      case 4:
        for (let p = int(r, lines.length / 20 + 1); p < lines.length; p += 15 + int(r, 40)) lines.splice(p, 0, '', pick(r, HEADERS), '');
        ops.push('pages');
        break;
      case 5:
        lines = wrap(lines.join('\n'), r).split('\n');
        ops.push('wrap');
        break;
      case 6: {
        const from = int(r, lines.length);
        lines = lines.slice(0, from).concat(lines.slice(from + int(r, lines.length - from)));
        ops.push(`cut@${from}`);
        break;
      }
      default:
        lines.splice(at, 0, lines.splice(int(r, lines.length), 1)[0] ?? '');
        ops.push(`move@${at}`);
    }
  }
  return { text: lines.join('\n').slice(0, 200_000), ops };
}

/** Byte-level line surgery on the GBK fixture: 0x0A is never a GBK trail byte, so lines stay whole characters. */
function mutateBytes(bytes: Uint8Array, r: Rand): Uint8Array {
  const lines: number[][] = [[]];
  for (const b of bytes) {
    if (b === 0x0a) lines.push([]);
    else lines[lines.length - 1].push(b);
  }
  for (let k = 0; k < 1 + int(r, 5); k++) {
    const at = int(r, lines.length);
    if (r() < 0.5) lines.splice(at, 1);
    else lines.splice(at, 0, lines[int(r, lines.length)]);
  }
  return new Uint8Array(lines.flatMap((l, i) => (i ? [0x0a, ...l] : l)));
}

/** Digits of every printed number, decimal points dropped, so any value's digits are a substring. */
function digitRuns(source: string): string {
  return [...(source.normalize('NFKC').match(/\d+(?:\.\d+)*/g) ?? []).map((d) => d.replace(/\./g, '')), ...wrappedNumbers(source)].join(' ');
}

/**
 * A number too long for its narrow cell prints wrapped ("2" over "0" in a text laid out by
 * columns): digit runs at the same column on lines at most two apart, read top-down.
 */
function wrappedNumbers(source: string): string[] {
  const lines = source.normalize('NFKC').split('\n').map((l) => [...l.matchAll(/\d+/g)].map((m) => ({ at: m.index!, d: m[0] })));
  const out: string[] = [];
  lines.forEach((runs, i) => {
    for (const below of [lines[i + 1] ?? [], lines[i + 2] ?? []]) {
      for (const a of runs) for (const b of below) if (Math.abs(a.at - b.at) <= 1) out.push(a.d + b.d);
    }
  });
  return out;
}

function checkReport(r: InterchangeReport, source: string, label: string): void {
  const v = validateInterchange(JSON.parse(JSON.stringify(r)));
  expect(v.ok ? [] : v.issues, label).toEqual([]);
  const spec = formatSpec(r.formatVersion);
  const tables: [string, Record<string, Record<string, number | null>>, [string, string[]][]][] = [
    ['proactiveDisclosure', r.proactiveDisclosure, spec.proactiveDisclosure.flatMap((g) => g.items.map((i) => [i.code, g.measures.map((m) => m.code)] as [string, string[]]))],
    ['applications', r.applications, spec.applications.rows.map((row) => [row.code, spec.applications.applicants.map((a) => a.code)] as [string, string[]])],
    ['reviewsAndLitigation', r.reviewsAndLitigation, spec.reviewsAndLitigation.groups.map((g) => [g.code, spec.reviewsAndLitigation.outcomes.map((o) => o.code)] as [string, string[]])],
  ];
  const digits = digitRuns(source);
  for (const [name, table, shape] of tables) {
    expect(Object.keys(table), `${label} ${name} rows`).toEqual(shape.map(([row]) => row));
    for (const [row, cols] of shape) {
      expect(Object.keys(table[row]), `${label} ${name}.${row}`).toEqual(cols);
      for (const c of cols) {
        const value = table[row][c];
        expect(value === null || (typeof value === 'number' && Number.isFinite(value)), `${label} ${name}.${row}.${c}`).toBe(true);
        if (value === null) continue;
        // Never invented: the value's digits are printed in the source.
        const d = String(Math.abs(value)).replace(/\./g, '').replace(/^0+(?=\d)/, '');
        expect(digits.includes(d), `${label} ${name}.${row}.${c} = ${value} not printed in the source`).toBe(true);
      }
    }
  }
  for (const f of r.findings) {
    expect(typeof f.rule === 'string' && f.rule.length > 0, label).toBe(true);
    expect(['ERROR', 'WARNING', 'INFO']).toContain(f.severity);
    expect(typeof f.message === 'string' && f.message.length > 10, label).toBe(true);
    expect(Array.isArray(f.cells) && f.cells.every((c) => typeof c === 'string'), label).toBe(true);
  }
  for (const s of r.sections) {
    expect(typeof s.title === 'string' && typeof s.body === 'string' && s.number >= 1 && s.number <= 6, label).toBe(true);
  }
}

function parseOrRefuse(input: string | Uint8Array, source: string, label: string): 'parsed' | 'refused' {
  const t0 = performance.now();
  try {
    const r = parseReport(input, { fileName: 'x_2024.txt' });
    checkReport(r, source, label);
    return 'parsed';
  } catch (e) {
    if (!(e instanceof ReportParseError)) throw new Error(`${label}: ${(e as Error).stack}`);
    return 'refused';
  } finally {
    expect(performance.now() - t0, `${label} took too long`).toBeLessThan(3000);
  }
}

const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 12);

describe('fuzz: mutated corpus reports parse to a valid report or are refused', () => {
  for (const { f, text } of sources) {
    it(`${f}: ${ROUNDS} mutations`, () => {
      let parsed = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const seed = i * 7919 + f.charCodeAt(0) * 31 + f.charCodeAt(1);
        const r = prng(seed);
        const m = mutate(text, r);
        const label = `${f} seed=${seed} ops=${m.ops.join(',')}`;
        const asBytes = r() < 0.3;
        if (parseOrRefuse(asBytes ? new TextEncoder().encode(m.text) : m.text, m.text, label) === 'parsed') parsed++;
      }
      // Mutations are local: most copies of a parseable report still parse.
      if (!f.startsWith('09_')) expect(parsed).toBeGreaterThan(ROUNDS / 2);
    }, 60_000 + ROUNDS * 500);
  }

  it('GBK bytes with lines lost or doubled', () => {
    const original = new TextDecoder('gb18030').decode(gbk);
    for (let i = 0; i < 20; i++) {
      const bytes = mutateBytes(gbk, prng(1000 + i));
      parseOrRefuse(bytes, new TextDecoder('gb18030').decode(bytes), `gbk seed=${1000 + i}`);
    }
    expect(original.length).toBeGreaterThan(1000);
  });

  it('the unmutated corpus passes the same checks', () => {
    for (const { f, text } of sources) parseOrRefuse(text, text, f);
  });

  it('pathological inputs stay fast: long digit runs, deep repetition, huge lines', () => {
    const shanting = sources.find((s) => s.f.startsWith('01_'))!.text;
    const inputs = [
      shanting.replace('\t3\n', `\t${'1'.repeat(5000)}\n`),
      shanting.replace(/\t(\d+)\n/g, '$1'), // every cell glued
      shanting.replace(/\n/g, ''), // one line
      (shanting + '\n').repeat(8),
      '一、'.repeat(20000) + shanting,
      '一、总体情况\n'.repeat(5000) + shanting,
      shanting + '\n三、收到和处理政府信息公开申请情况 1 2 3'.repeat(3000),
      shanting + '|'.repeat(50000),
      shanting.replace(/\t0\n/g, '\t00000000000000000000\n'),
    ];
    inputs.forEach((t, i) => parseOrRefuse(t, t, `pathological #${i}`));
  });
});
