/**
 * The files an import is given: reports (whatever their extension: the ingest decides by content),
 * their sidecars (NAME.meta.json: what the text does not say, or says wrongly), and files that are
 * not reports. Every file given or found is accounted for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS, REPORT_STATUSES } from '../store/entities/index.js';
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

/** A sidecar's overrides and warnings (keys it does not know); throws with a reason when it is not usable. */
export function readSidecar(file: string): { overrides: ImportOverrides; warnings: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${path.basename(file)} is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${path.basename(file)} must hold a JSON object`);
  const parsed = Sidecar.safeParse(json);
  if (!parsed.success) throw new Error(`${path.basename(file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const unknown = Object.keys(json).filter((k) => !KNOWN_KEYS.includes(k));
  const { level, kind, ...rest } = parsed.data;
  return {
    overrides: { ...rest, ...(level ? { agencyLevel: level } : {}), ...(kind ? { agencyKind: kind } : {}) },
    warnings: unknown.length ? [`${path.basename(file)}: ignored keys ${unknown.join(', ')} (known: ${KNOWN_KEYS.join(', ')})`] : [],
  };
}
