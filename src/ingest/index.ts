/**
 * Parser for 政府信息公开工作年度报告: HTML or text in, interchange JSON out. Pure functions, no
 * Node-only APIs (runs in a browser). Findings here are the parser's own (PARSE, SPLIT); the rule
 * checks (R1–R4, B1, X*) are appended later by src/rules.
 */
import { codedFinding, type Finding, type FormatVersion, type InterchangeReport } from '../format/index.js';
import { decodeSource } from './decode.js';
import { ReportParseError } from './errors.js';
import { VERSION_LABELS } from './labels.js';
import { findAgency, findTitle, findYear, htmlTitle } from './metadata.js';
import { foldWithMap, indexesOf, type FoldedText } from './normalize.js';
import { detectKind, preparePrinted, type SourceKind } from './prepare.js';
import { findSections } from './sections.js';
import { extractApplications, extractProactive, extractReviews, tableBounds } from './tables.js';

export { decodeSource } from './decode.js';
export { documentSource, type DocumentSource } from './document.js';
export { detectBinaryFormat, type BinaryFormat } from './detect.js';
export { ReportParseError, type ParseErrorCode } from './errors.js';
export type { SourceKind } from './prepare.js';

export interface ParseOptions {
  kind?: SourceKind;
  fileName?: string;
}

function where(options?: ParseOptions): string {
  return options?.fileName ? ` in ${options.fileName}` : '';
}

/** Format version from the table labels only: the year says nothing (2023 reports in 2019 format exist). */
function detectVersion(ft: FoldedText): { version: FormatVersion | null; score: number } {
  let best: { version: FormatVersion | null; score: number } = { version: null, score: 0 };
  for (const v of VERSION_LABELS) {
    const score = v.markers.filter((m) => indexesOf(ft.folded, m).length > 0).length;
    if (score > best.score) best = { version: v.version, score };
  }
  return best;
}

function tooLarge(size: number, unit: string, options?: ParseOptions): ReportParseError {
  return new ReportParseError('TOO_LARGE', `Input${where(options)} is ${size} ${unit}; the parser reads at most ${MAX_SOURCE_CHARACTERS} characters. An annual report is far smaller: send the report page or file, not a whole site or an archive.`);
}

const OLD_FORMAT = /政府信息公开情况统计表|指标名称.{0,20}计量单位|历年累计/;

/**
 * The most characters the parser reads: every step is linear, and this many take a few seconds. An
 * annual report is rarely 300,000 characters, a whole web page around it a few times that.
 */
export const MAX_SOURCE_CHARACTERS = 10_000_000;

export function parseReport(input: Uint8Array | string, options?: ParseOptions): InterchangeReport {
  // Bytes: UTF-8 takes at least one byte a character, GBK too; so this refuses before decoding.
  if (input.length > MAX_SOURCE_CHARACTERS * (typeof input === 'string' ? 1 : 4)) throw tooLarge(input.length, typeof input === 'string' ? 'characters' : 'bytes', options);
  const source = typeof input === 'string' ? input : decodeSource(input).text;
  if (source.length > MAX_SOURCE_CHARACTERS) throw tooLarge(source.length, 'characters', options);
  if (!/\S/.test(source)) throw new ReportParseError('EMPTY_INPUT', `Input${where(options)} is empty or whitespace only: nothing to parse.`);
  if (source.includes('\u0000')) throw new ReportParseError('BINARY_INPUT', `Input${where(options)} contains NUL characters: it is binary data, not a report.`);
  const kind = options?.kind ?? detectKind(source);
  const prepared = preparePrinted(source, kind);
  const text = prepared.text;
  const ft = foldWithMap(text, prepared.printed);

  const { version } = detectVersion(ft);
  if (!version) {
    if (OLD_FORMAT.test(ft.folded))
      throw new ReportParseError('PRE_2019_FORMAT', `Input${where(options)} is a pre-2019 free-form report: it has the old 政府信息公开情况统计表 (指标名称/计量单位/历年累计) and none of the tables of the 2019 or 2021 format (国办公开办函〔2019〕60号 / 〔2021〕30号), so there is nothing to map onto the catalog.`);
    throw new ReportParseError('NO_REPORT_FOUND', `No annual report found${where(options)}: none of the table labels of the 2019 or 2021 format (e.g. 本年制发件数, 上一年项目数量, 申请人逾期未按收费通知…) occur in the ${kind === 'html' ? 'HTML page' : 'text'}.`);
  }
  // matched on its normalised form, stored as printed
  const page = kind === 'html' ? htmlTitle(source) : null;
  const found = page ? { title: page.normalize('NFKC'), printed: page } : findTitle(prepared);
  const title = found?.title ?? null;
  const findings: Finding[] = [];
  let year = findYear(ft, title);
  if (year === null) {
    // A fragment may carry its year only in the name it was saved under.
    const m = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(options?.fileName ?? '');
    if (m) {
      year = Number(m[1]);
      findings.push(codedFinding('PARSE', 'WARNING', { code: 'YEAR_FROM_FILE_NAME', params: { year, fileName: options!.fileName! } }, []));
    }
  }
  if (year === null) throw new ReportParseError('NO_YEAR', `No statistical year found${where(options)}: no "X年1月1日至X年12月31日", no year in a title, no year mentioned at all.`);

  const bounds = tableBounds(ft, version);
  const sections = findSections(ft, version, bounds, findings);
  return {
    formatVersion: version,
    year,
    agencyName: findAgency(text, title),
    title: found?.printed ?? null,
    sections,
    proactiveDisclosure: extractProactive(ft, version, bounds, findings),
    applications: extractApplications(ft, version, bounds, findings),
    reviewsAndLitigation: extractReviews(ft, version, bounds, findings),
    findings: distinct(findings),
  };
}

/**
 * Each finding once: a label printed several times (a garbled text layer repeats a row's label)
 * reads the same region again and would say the same thing each time.
 */
function distinct(findings: Finding[]): Finding[] {
  // Compared whole only where the messages are the same (most findings are one of a kind).
  const byMessage = new Map<string, Set<string> | null>();
  const key = (f: Finding) => JSON.stringify([f.rule, f.severity, f.code, f.params, f.cells, f.message]);
  const firsts = new Map<string, Finding>();
  return findings.filter((f) => {
    const seen = byMessage.get(f.message);
    if (seen === undefined) {
      byMessage.set(f.message, null);
      firsts.set(f.message, f);
      return true;
    }
    const keys = seen ?? new Set([key(firsts.get(f.message)!)]);
    byMessage.set(f.message, keys);
    const k = key(f);
    return !keys.has(k) && Boolean(keys.add(k));
  });
}
