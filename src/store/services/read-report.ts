/**
 * Source → checked interchange JSON, without a database: decode (UTF-8/GBK), detect the kind,
 * parse or validate, then run the single-report rule checks. The `parse` command prints its result;
 * the import stores it. Every refusal is a typed, specific reason.
 */
import { RULE_CODES, validateInterchange, type InterchangeReport, type ValidationIssue } from '../../format/index.js';
import { decodeSource, documentSource, parseReport, ReportParseError } from '../../ingest/index.js';
import { checkReport } from '../../rules/index.js';
import type { AgencyKind, AgencyLevel, ReportStatus, SourceKind } from '../entities/index.js';
import { Refusal } from './refusal.js';

export const DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type ImportErrorCode =
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'UNDECODABLE'
  | 'NO_REPORT_FOUND'
  | 'PRE_2019_FORMAT'
  | 'NO_YEAR'
  | 'NO_AGENCY'
  | 'INVALID_JSON'
  | 'INVALID_INPUT'
  | 'NO_TEXT_LAYER'
  | 'ENCRYPTED'
  | 'DAMAGED_DOCUMENT'
  | 'TOO_MANY_PAGES'
  | 'UNSUPPORTED_FORMAT'
  | 'AMBIGUOUS_AGENCY'
  | 'NO_REGION'
  | 'AGENCY_NOT_FOUND';

/** An agency an ambiguous name could mean. */
export interface ImportCandidate {
  id: number;
  name: string;
  regionCode: string | null;
  aliases: string[];
}

export class ImportRefused extends Refusal<ImportErrorCode> {
  constructor(code: ImportErrorCode, message: string, issues: ValidationIssue[] = [], readonly candidates: ImportCandidate[] = []) {
    super(code, message, issues);
  }
}

export interface ImportOverrides {
  /** The stored agency the report belongs to (its name and region are then not needed). */
  agencyId?: number | null;
  agencyName?: string | null;
  regionCode?: string | null;
  regionName?: string | null;
  agencyLevel?: AgencyLevel | null;
  agencyKind?: AgencyKind | null;
  year?: number | null;
  sourceUrl?: string | null;
  publishedOn?: string | null;
  status?: ReportStatus | null;
}

export interface ImportRequest {
  content: Uint8Array | string;
  /** Absent: detected (JSON when it parses as a JSON object, HTML when it has markup, else text). */
  kind?: SourceKind | null;
  fileName?: string | null;
  overrides?: ImportOverrides;
  maxBytes?: number;
}

const byteLength = (content: Uint8Array | string) => (typeof content === 'string' ? new TextEncoder().encode(content).length : content.length);

function detectKind(text: string): SourceKind {
  const head = text.trimStart();
  if (head.startsWith('{')) return 'JSON';
  return /<(html|body|table|div|p|td)\b/i.test(text) ? 'HTML' : 'TEXT';
}

function asRefusal(error: unknown): never {
  if (error instanceof ReportParseError) throw new ImportRefused(error.code as ImportErrorCode, error.message);
  throw error;
}

function decode(content: Uint8Array | string): string {
  if (typeof content === 'string') return content;
  try {
    return decodeSource(content).text;
  } catch (error) {
    return asRefusal(error);
  }
}

/** PDF and Word files become the text or HTML they print (detected by content); other bytes pass through. */
async function unpackDocument(request: ImportRequest): Promise<{ content: Uint8Array | string; kind: SourceKind | null }> {
  const kind = request.kind ?? null;
  if (typeof request.content === 'string') return { content: request.content, kind };
  const document = await documentSource(request.content, { fileName: request.fileName ?? undefined }).catch(asRefusal);
  if (!document.format) return { content: request.content, kind };
  return { content: document.source, kind: document.kind === 'html' ? 'HTML' : 'TEXT' };
}

export interface ReadReport {
  interchange: InterchangeReport;
  /** The source as decoded, stored verbatim. */
  text: string;
  kind: SourceKind;
}

/** Source → checked interchange JSON, without touching the database (the `parse` command uses it too). */
export async function readReport(request: ImportRequest): Promise<ReadReport> {
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  const size = byteLength(request.content);
  if (size > maxBytes) {
    throw new ImportRefused('TOO_LARGE', `The report is ${size} bytes; the limit is ${maxBytes} bytes. A single annual report is rarely over 1 MB: send the report page, not a whole site.`);
  }
  const unpacked = await unpackDocument(request);
  const text = decode(unpacked.content);
  if (!text.trim()) throw new ImportRefused('EMPTY_INPUT', 'The content is empty: nothing to import.');
  const kind = unpacked.kind ?? detectKind(text);
  const where = request.fileName ? ` (${request.fileName})` : '';
  let interchange: InterchangeReport;
  if (kind === 'JSON') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ImportRefused('INVALID_JSON', `The content${where} is not valid JSON: ${(error as Error).message}`);
    }
    const checked = validateInterchange(json);
    if (!checked.ok) {
      throw new ImportRefused('INVALID_INPUT', `The JSON${where} is not a valid interchange report: ${checked.issues.slice(0, 5).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, checked.issues);
    }
    interchange = checked.report;
  } else {
    try {
      interchange = parseReport(text, { kind: kind === 'HTML' ? 'html' : 'text', fileName: request.fileName ?? undefined });
    } catch (error) {
      if (error instanceof ReportParseError) throw new ImportRefused(error.code as ImportErrorCode, error.message);
      throw error;
    }
    // A printed number can be beyond what the tables store (e.g. 20 digits in a fee cell).
    const checked = validateInterchange(interchange);
    if (!checked.ok) {
      throw new ImportRefused('INVALID_INPUT', `The report${where} prints values that cannot be stored: ${checked.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ')}`, checked.issues);
    }
  }
  const overrides = request.overrides ?? {};
  if (overrides.year != null) interchange = { ...interchange, year: overrides.year };
  if (overrides.agencyName) interchange = { ...interchange, agencyName: overrides.agencyName };
  const parserFindings = interchange.findings.filter((f) => !RULE_CODES.includes(f.rule));
  interchange = { ...interchange, findings: [...parserFindings, ...checkReport(interchange)] };
  return { interchange, text, kind };
}

