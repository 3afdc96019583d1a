/**
 * `npm run import -- FILE|DIR… [--region-code 370406] [--level COUNTY] [--kind GOVERNMENT] [--draft]`
 * Imports many reports: each file in its own transaction, a failed file changes nothing and does
 * not stop the others. Re-importing the same agency and year updates that report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AGENCY_KINDS, AGENCY_LEVELS, type AgencyKind, type AgencyLevel } from '../store/entities/index.js';
import { openDatabase } from '../store/database.js';
import { adminWriter } from '../store/services/api-tokens.js';
import { ImportRefused, importReport, type ImportOverrides } from '../store/services/import.js';
import { ConfigError, loadConfig } from '../server/config.js';

const REPORT_FILE = /\.(html?|txt|text|md|json|pdf|docx)$/i;
// Sidecar files that sit next to reports in an archive (metadata, hand-checked values) are not reports.
const SIDECAR_FILE = /\.(meta|expected)\.json$/i;

interface Args {
  paths: string[];
  overrides: ImportOverrides;
}

function parseArgs(argv: string[]): Args {
  const paths: string[] = [];
  const overrides: ImportOverrides = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new ConfigError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--region-code') overrides.regionCode = value();
    else if (arg === '--level') overrides.agencyLevel = oneOf(value(), AGENCY_LEVELS, arg) as AgencyLevel;
    else if (arg === '--kind') overrides.agencyKind = oneOf(value(), AGENCY_KINDS, arg) as AgencyKind;
    else if (arg === '--draft') overrides.status = 'DRAFT';
    else if (arg.startsWith('-')) throw new ConfigError(`unknown option ${arg}`);
    else paths.push(arg);
  }
  if (!paths.length) throw new ConfigError('usage: npm run import -- FILE|DIR… [--region-code CODE] [--level LEVEL] [--kind KIND] [--draft]');
  return { paths, overrides };
}

function oneOf(value: string, allowed: readonly string[], option: string): string {
  if (!allowed.includes(value)) throw new ConfigError(`${option} must be one of ${allowed.join(', ')}, got ${value}`);
  return value;
}

function collectFiles(paths: string[]): { files: string[]; missing: string[]; skipped: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const skipped: string[] = [];
  const walk = (p: string) => {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      missing.push(p);
      return;
    }
    if (stat.isDirectory()) for (const entry of readdirSync(p).sort()) walk(path.join(p, entry));
    else if (REPORT_FILE.test(p) && !SIDECAR_FILE.test(p)) files.push(p);
    else skipped.push(p);
  };
  paths.forEach((p) => (statSync(p, { throwIfNoEntry: false })?.isFile() ? files.push(p) : walk(p)));
  return { files, missing, skipped };
}

function progress(done: number, total: number, file: string): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${path.basename(file).slice(0, 40).padEnd(40)}`);
}

async function main(): Promise<number> {
  const config = loadConfig();
  const { paths, overrides } = parseArgs(process.argv.slice(2));
  const { files, missing, skipped } = collectFiles(paths);
  for (const m of missing) process.stderr.write(`not found: ${m}\n`);
  if (skipped.length) process.stderr.write(`skipped ${skipped.length} file(s) that are not reports by name (.html .txt .md .json .pdf .docx), e.g. ${skipped[0]}\n`);
  if (!files.length) {
    process.stdout.write(`no report files found in ${paths.join(', ')}\n`);
    return 1;
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.NIANBAO_DATA_DIR, embeddedPort: config.NIANBAO_EMBEDDED_PG_PORT });
  const outcome = { imported: 0, updated: 0, refused: [] as { file: string; reason: string }[] };
  try {
    for (const [index, file] of files.entries()) {
      progress(index, files.length, file);
      try {
        const result = await importReport(database.orm.em.fork(), {
          content: new Uint8Array(readFileSync(file)),
          fileName: path.basename(file),
          overrides,
          maxBytes: config.NIANBAO_MAX_IMPORT_BYTES,
        }, adminWriter('cli'));
        if (result.created) outcome.imported++;
        else outcome.updated++;
        const errors = result.interchange.findings.filter((f) => f.severity === 'ERROR').length;
        if (!process.stderr.isTTY) process.stderr.write(`${result.created ? 'imported' : 'updated '} ${file}: ${result.interchange.agencyName} ${result.interchange.year}${errors ? ` (${errors} rule errors)` : ''}\n`);
      } catch (error) {
        const reason = error instanceof ImportRefused ? `${error.code}: ${error.message}` : `unexpected: ${(error as Error).message}`;
        outcome.refused.push({ file, reason });
      }
    }
    progress(files.length, files.length, '');
    if (process.stderr.isTTY) process.stderr.write('\n');
  } finally {
    await database.close();
  }
  process.stdout.write(`imported ${outcome.imported}, updated ${outcome.updated}, refused ${outcome.refused.length} (of ${files.length} files)\n`);
  for (const r of outcome.refused) process.stdout.write(`  refused ${r.file}\n    ${r.reason}\n`);
  return outcome.refused.length || missing.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
