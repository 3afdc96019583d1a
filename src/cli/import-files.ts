/**
 * The files an import is given: reports (whatever their extension: the ingest decides by content),
 * their sidecars (NAME.meta.json: what the text does not say, or says wrongly), and files that are
 * not reports. Every file given or found is accounted for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS, REPORT_STATUSES } from '../store/entities/index.js';
import { regionFromName } from '../ingest/agency-name.js';
import { regionNameIndex, regionNamesOf } from '../store/agencies/region-names.js';
import type { ImportOverrides } from '../store/services/import.js';

const SIDECAR = /\.meta\.json$/i;
/** Hand-checked values kept beside a report in research archives: not a report. */
const EXPECTED = /\.expected\.json$/i;

export interface ReportFile {
  path: string;
  sidecar?: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CollectedFiles {
  reports: ReportFile[];
  skipped: SkippedFile[];
  missing: string[];
}

const stem = (file: string) => file.replace(/\.[^./]+$/, '');

export function collectFiles(paths: string[]): CollectedFiles {
  const found: string[] = [];
  const skipped: SkippedFile[] = [];
  const missing: string[] = [];
  const walk = (p: string, given: boolean) => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) return void missing.push(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (entry.startsWith('.')) skipped.push({ path: path.join(p, entry), reason: 'hidden' });
        else walk(path.join(p, entry), false);
      }
    } else if (stat.isFile()) found.push(p);
    else if (given) skipped.push({ path: p, reason: 'not a regular file' });
  };
  for (const p of paths) walk(p, true);
  const sidecars = new Map(found.filter((f) => SIDECAR.test(f)).map((f) => [f.replace(SIDECAR, ''), f]));
  const used = new Set<string>();
  const reports: ReportFile[] = [];
  for (const file of found) {
    if (SIDECAR.test(file)) continue;
    if (EXPECTED.test(file)) {
      skipped.push({ path: file, reason: 'hand-checked values (.expected.json), not a report' });
      continue;
    }
    // X.txt → X.meta.json, or X.txt.meta.json
    const sidecar = sidecars.get(file) ?? sidecars.get(stem(file));
    if (sidecar) used.add(sidecar);
    reports.push(sidecar ? { path: file, sidecar } : { path: file });
  }
  for (const sidecar of sidecars.values()) if (!used.has(sidecar)) skipped.push({ path: sidecar, reason: 'metadata (.meta.json) with no report beside it' });
  return { reports, skipped, missing };
}

const Sidecar = z.object({
  agencyName: z.string().trim().min(2).max(200).optional(),
  agencyId: z.number().int().positive().optional(),
  regionCode: z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code').optional(),
  regionName: z.string().max(100).optional(),
  year: z.number().int().min(2008).max(2100).optional(),
  sourceUrl: z.string().max(2000).regex(/^https?:\/\/[^\s/]+\S*$/i, 'must be an http:// or https:// URL').optional(),
  publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  level: z.enum(AGENCY_LEVELS).optional(),
  kind: z.enum(AGENCY_KINDS).optional(),
});

const KNOWN_KEYS = Object.keys(Sidecar.shape);

/**
 * The research corpus's metadata (NAME.meta.json beside its reports: tests/fixtures/corpus) says the
 * same things in its own words: `agency` (a trailing half-width "(…)" is a researcher's remark, not
 * part of the name: official names bracket with full-width （…）), `region` as a name
 * (福建省平潭综合实验区), `level` in prose, `source_url_or_repo_path` with the page's URL in it
 * (after "original:" when the text is an archive's copy). Each is read as the sidecar's own key when
 * that is absent; what cannot be read so is left out, with a warning, never guessed.
 */
const CORPUS_KEYS = ['agency', 'region', 'source_url_or_repo_path'];

function fromCorpusSpelling(json: Record<string, unknown>, file: string): { json: Record<string, unknown>; warnings: string[]; corpusKeys: string[] } {
  const corpusKeys = CORPUS_KEYS.filter((key) => key in json);
  if (!corpusKeys.length) return { json, warnings: [], corpusKeys };
  const out: Record<string, unknown> = { ...json };
  const warnings: string[] = [];
  const ignored = (key: string, why: string) => warnings.push(`${path.basename(file)}: ${key} ${JSON.stringify(json[key])} ${why}: ignored`);
  for (const key of CORPUS_KEYS) delete out[key];
  if (typeof json.agency === 'string' && out.agencyName === undefined && out.agencyId === undefined) {
    out.agencyName = json.agency.replace(/\s+\([^()]*\)\s*$/, '').trim();
  }
  if (typeof json.region === 'string' && out.regionCode === undefined) {
    const reading = regionFromName(json.region, regionNameIndex());
    // The whole text must be the division's name, not only its start (福建省平潭综合实验区 is not 福建省).
    const whole = reading && 'code' in reading && json.region.normalize('NFKC').replace(/\s+/g, '').endsWith(regionNamesOf(reading.code).at(-1) ?? '\u0000');
    if (whole) out.regionCode = (reading as { code: string }).code;
    else ignored('region', reading && 'ambiguous' in reading ? `names several divisions (${reading.ambiguous.join(', ')})` : 'is not the name of one GB/T 2260 division');
  }
  if (typeof json.source_url_or_repo_path === 'string' && out.sourceUrl === undefined) {
    const text = json.source_url_or_repo_path;
    const url = /original:\s*(https?:\/\/[^\s()]+)/i.exec(text)?.[1] ?? /https?:\/\/[^\s()]+/i.exec(text)?.[0];
    if (url) out.sourceUrl = url;
    else ignored('source_url_or_repo_path', 'holds no http(s) URL');
  }
  // Prose (e.g. "county/district government (区政府)") rather than one of the levels.
  if (out.level !== undefined && !(AGENCY_LEVELS as readonly unknown[]).includes(out.level)) {
    ignored('level', `is not one of ${AGENCY_LEVELS.join(', ')}`);
    delete out.level;
  }
  return { json: out, warnings, corpusKeys };
}

/** A sidecar's overrides and warnings (keys it does not know); throws with a reason when it is not usable. */
export function readSidecar(file: string): { overrides: ImportOverrides; warnings: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${path.basename(file)} is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${path.basename(file)} must hold a JSON object`);
  const corpus = fromCorpusSpelling(json as Record<string, unknown>, file);
  const parsed = Sidecar.safeParse(corpus.json);
  if (!parsed.success) throw new Error(`${path.basename(file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const unknown = Object.keys(corpus.json).filter((k) => !KNOWN_KEYS.includes(k));
  const { level, kind, ...rest } = parsed.data;
  const known = [...KNOWN_KEYS, ...CORPUS_KEYS.map((key) => `${key} (the corpus's spelling)`)];
  return {
    overrides: { ...rest, ...(level ? { agencyLevel: level } : {}), ...(kind ? { agencyKind: kind } : {}) },
    warnings: [...corpus.warnings, ...(unknown.length ? [`${path.basename(file)}: ignored keys ${unknown.join(', ')} (known: ${known.join(', ')})`] : [])],
  };
}
