/**
 * `npm run import -- FILE|DIR… [options]`: imports many reports, each file in its own transaction;
 * a refused file changes nothing and stops nothing. Every file is accounted for in the summary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeGlobalId } from '../schema/global-id.js';
import { loadConfig } from '../server/config.js';
import { AGENCY_KINDS, AGENCY_LEVELS, REPORT_STATUSES, type AgencyKind, type AgencyLevel, type ReportStatus } from '../store/entities/index.js';
import { adminWriter } from '../store/services/api-tokens.js';
import { isWriteConflict } from '../store/services/refusal.js';
import { ImportRefused, storeReadReport, type ImportOverrides, type ImportResult, type ReadReport } from '../store/services/import.js';
import { importBatch } from '../store/writes/bulk-import.js';
import { openCommandDatabase, runCommand, UsageError } from './command.js';
import { collectFiles, readSidecar, type ReportFile } from './import-files.js';
import { ParsePool } from '../store/services/parse-pool.js';
import { printSummary, Progress, type FileOutcome } from './import-report.js';

const HELP = `usage: npm run import -- FILE|DIR… [options]

Imports reports (HTML pages, text, interchange JSON; the content decides, not the extension) file by
file: each in its own transaction, a refused file changes nothing and stops nothing. A report that
is stored already for its agency and year is updated (the replaced version is kept), or left as it
is when nothing changed. The agency is found by --agency-id, or by its region and name.

options (for every file; a file's sidecar NAME.meta.json overrides them for that file, and a sidecar
that names the agency — agencyName, agencyId or regionCode — replaces all the agency options):
  --agency-name NAME     the issuing agency, when the text does not name it or names it otherwise
  --agency-id ID         the stored agency (numeric or global ID), e.g. one an AMBIGUOUS_AGENCY refusal lists
  --region-code CODE     GB/T 2260 six-digit code of the agency's region (e.g. 370406)
  --year YEAR            the statistical year, when the text does not state it
  --source-url URL       where the report was published (http:// or https://)
  --status STATUS        PUBLISHED (default for new reports) or DRAFT; --draft is DRAFT
  --level LEVEL          ${AGENCY_LEVELS.join(', ')}
  --kind KIND            ${AGENCY_KINDS.join(', ')}
  --dry-run              read, check and resolve the agency, print what would change, write nothing
  --json                 print the summary as JSON on stdout
  --batch N              reports written per transaction (default 50; each still in its own savepoint)
  --workers N            threads reading reports (default: one per CPU core; 0: read in the main thread)
  -h, --help             this text

sidecar NAME.meta.json (beside NAME.txt, NAME.html…): a JSON object with any of agencyName,
agencyId, regionCode, regionName, year, sourceUrl, publishedOn (YYYY-MM-DD), status, level, kind.
The research corpus's spelling is read too: agency, region (a division's name), source_url_or_repo_path
(its http(s) URL); what cannot be read so is left out, with a warning.

exit code: 0 when no file was refused (files skipped as unsupported do not count), 1 when one was or
when no report file was found,
64 for a wrong command line.`;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
}

function commandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'agency-name': { type: 'string' },
      'agency-id': { type: 'string' },
      'region-code': { type: 'string' },
      year: { type: 'string' },
      'source-url': { type: 'string' },
      status: { type: 'string' },
      draft: { type: 'boolean' },
      level: { type: 'string' },
      kind: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      batch: { type: 'string' },
      workers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true as const };
  if (!positionals.length) throw new UsageError(`no file or folder given\n\n${HELP}`);
  const overrides: ImportOverrides = {};
  if (values['agency-name'] !== undefined) overrides.agencyName = values['agency-name'];
  if (values['agency-id'] !== undefined) {
    const id = values['agency-id'];
    const decoded = /^\d+$/.test(id) ? { typename: 'Agency', id } : decodeGlobalId(id);
    if (decoded.typename !== 'Agency') throw new UsageError(`--agency-id ${id} names a ${decoded.typename}, not an agency`);
    overrides.agencyId = Number(decoded.id);
  }
  if (values['region-code'] !== undefined) {
    if (!/^\d{6}$/.test(values['region-code'])) throw new UsageError(`--region-code must be a six-digit GB/T 2260 code (e.g. 370406), got ${values['region-code']}`);
    overrides.regionCode = values['region-code'];
  }
  if (values.year !== undefined) {
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new UsageError(`--year must be a year from 2008 to 2100, got ${values.year}`);
    overrides.year = year;
  }
  if (values['source-url'] !== undefined) {
    if (!/^https?:\/\/[^\s/]+\S*$/i.test(values['source-url'])) throw new UsageError(`--source-url must be an http:// or https:// URL, got ${values['source-url']}`);
    overrides.sourceUrl = values['source-url'];
  }
  const status = values.draft ? 'DRAFT' : oneOf<ReportStatus>(values.status, REPORT_STATUSES, '--status');
  if (status) overrides.status = status;
  const level = oneOf<AgencyLevel>(values.level, AGENCY_LEVELS, '--level');
  if (level) overrides.agencyLevel = level;
  const kind = oneOf<AgencyKind>(values.kind, AGENCY_KINDS, '--kind');
  if (kind) overrides.agencyKind = kind;
  const count = (value: string | undefined, option: string, min: number, max: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got ${value}`);
    return n;
  };
  return {
    help: false as const,
    paths: positionals,
    overrides,
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
    batch: count(values.batch, '--batch', 1, 1000) ?? BATCH,
    workers: count(values.workers, '--workers', 0, 16),
  };
}

const AGENCY_IDENTITY: (keyof ImportOverrides)[] = ['agencyName', 'agencyId', 'regionCode'];
const AGENCY_KEYS: (keyof ImportOverrides)[] = [...AGENCY_IDENTITY, 'regionName', 'agencyLevel', 'agencyKind'];

/** Refusals that mean "this reader cannot read such a file" rather than "this is not a proper report". */
const UNSUPPORTED = new Set(['BINARY_INPUT', 'UNDECODABLE']);

/** Files written per transaction: large enough to share the refresh of the rollup, small enough to retry. */
const BATCH = 50;
/** Batches written at once: PostgreSQL indexes one batch's text while the next is sent. */
const WRITERS = 2;
/** Below this many files, worker threads cost more to start than they save. */
const POOL_THRESHOLD = 20;

async function main(argv: string[]): Promise<number> {
  const args = commandLine(argv);
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const config = loadConfig();
  const { reports, skipped, missing } = collectFiles(args.paths);
  if (!reports.length && !missing.length) {
    // Nothing to import is a mistake worth an exit code (a wrong folder), never a silent success.
    process.stdout.write(`no report files found in ${args.paths.join(', ')}${skipped.length ? ` (skipped: ${skipped.map((s) => `${s.path}: ${s.reason}`).join('; ')})` : ''}\n`);
    return 1;
  }
  const outcomes: FileOutcome[] = [
    ...missing.map((file): FileOutcome => ({ file, outcome: 'refused', code: 'NOT_FOUND', reason: 'no such file or folder', warnings: [] })),
    ...skipped.map(({ path: file, reason }): FileOutcome => ({ file, outcome: 'skipped', reason, warnings: [] })),
  ];
  const progress = new Progress(reports.length, !args.json && process.stderr.isTTY === true);
  const pool = new ParsePool(args.workers ?? (reports.length >= POOL_THRESHOLD ? undefined : 0), (reason) =>
    process.stderr.write(`warning: the parse workers stopped (${reason}): reading in the main thread, slower\n`),
  );
  const database = await openCommandDatabase(config);
  const writer = adminWriter('cli');
  try {
    const BATCH = args.batch;
    const prepare = (batch: ReportFile[]) => Promise.all(batch.map((file) => prepareFile(pool, file, args.overrides, config.NIANBAO_MAX_IMPORT_BYTES)));
    const report = (prepared: PreparedFile[], written: (ImportResult | Error)[]) => {
      const ready = prepared.filter((p) => p.read);
      const results = new Map(ready.map((p, i) => [p, written[i]]));
      for (const p of prepared) {
        progress.step(p.file);
        const outcome = p.outcome ?? outcomeOf(p.file, results.get(p)!, p.warnings);
        outcomes.push(outcome);
        if (!args.json) progress.done(outcome, args.dryRun);
      }
    };
    const write = async (prepared: PreparedFile[]) => {
      const ready = prepared.filter((p) => p.read);
      const written = args.dryRun
        ? await sequentially(ready, (p) => storeReadReport(database.orm.em.fork(), p.read!, p.overrides, writer, { dryRun: true }).catch((error: Error) => error))
        : await importBatch(database.orm.em, ready.map((p) => ({ read: p.read!, overrides: p.overrides })), writer);
      return () => report(prepared, written);
    };
    // Batches are read ahead (worker threads) and written WRITERS at a time, each on its own connection;
    // outcomes are reported in file order.
    const writers = args.dryRun ? 1 : WRITERS;
    const inFlight: Promise<() => void>[] = [];
    let next = prepare(reports.slice(0, BATCH));
    for (let start = 0; start < reports.length; start += BATCH) {
      const prepared = await next;
      next = prepare(reports.slice(start + BATCH, start + 2 * BATCH));
      inFlight.push(write(prepared));
      if (inFlight.length >= writers) (await inFlight.shift()!)();
    }
    while (inFlight.length) (await inFlight.shift()!)();
  } finally {
    progress.finish();
    await pool.close();
    await database.close();
  }
  if (args.json) process.stdout.write(`${JSON.stringify({ dryRun: args.dryRun, files: outcomes }, null, 2)}\n`);
  else printSummary(outcomes, args.dryRun);
  return outcomes.some((o) => o.outcome === 'refused') ? 1 : 0;
}

async function sequentially<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await fn(item));
  return results;
}

interface PreparedFile {
  file: string;
  warnings: string[];
  overrides: ImportOverrides;
  read?: ReadReport;
  /** Decided before writing: refused or unsupported. */
  outcome?: FileOutcome;
}

/** A file read, checked and with its sidecar applied, or why it cannot be imported. */
async function prepareFile(pool: ParsePool, file: ReportFile, defaults: ImportOverrides, maxBytes: number): Promise<PreparedFile> {
  const warnings: string[] = [];
  let overrides = defaults;
  if (file.sidecar) {
    try {
      const sidecar = readSidecar(file.sidecar);
      // A sidecar that names the agency names all of it: the command line's agency is another's.
      const namesAgency = AGENCY_IDENTITY.some((key) => sidecar.overrides[key] != null);
      const base = namesAgency ? Object.fromEntries(Object.entries(defaults).filter(([key]) => !AGENCY_KEYS.includes(key as keyof ImportOverrides))) : defaults;
      overrides = { ...base, ...sidecar.overrides };
      warnings.push(...sidecar.warnings);
    } catch (error) {
      return { file: file.path, warnings, overrides, outcome: { file: file.path, outcome: 'refused', code: 'INVALID_SIDECAR', reason: (error as Error).message, warnings } };
    }
  }
  try {
    const read = await pool.read({ content: new Uint8Array(readFileSync(file.path)), fileName: path.basename(file.path), overrides: { year: overrides.year, agencyName: overrides.agencyName }, maxBytes });
    return { file: file.path, warnings, overrides, read };
  } catch (error) {
    return { file: file.path, warnings, overrides, outcome: outcomeOf(file.path, error as Error, warnings) };
  }
}

function outcomeOf(file: string, result: ImportResult | Error, warnings: string[]): FileOutcome {
  if (result instanceof ImportRefused) {
    const outcome = UNSUPPORTED.has(result.code) ? 'unsupported' : 'refused';
    return { file, outcome, code: result.code, reason: result.message, warnings, ...(result.candidates.length ? { candidates: result.candidates } : {}) };
  }
  if (isWriteConflict(result)) {
    return { file, outcome: 'refused', code: 'CONFLICT', reason: `another write to the same agency at the same time (e.g. mergeAgencies) kept colliding with this one, which was not applied: import the file again (${(result as Error).message})`, warnings };
  }
  if (result instanceof Error) return { file, outcome: 'refused', code: 'UNEXPECTED', reason: result.message, warnings };
  const errors = result.interchange.findings.filter((f) => f.severity === 'ERROR');
  return {
    file,
    outcome: result.created ? 'imported' : result.changed ? 'updated' : 'unchanged',
    reportId: result.report.id,
    agency: result.report.agency.name,
    regionCode: result.report.agency.regionCode ?? null,
    year: result.report.year,
    changedCells: result.changedCells.length,
    warnings: [...warnings, ...result.warnings, ...(errors.length ? [`${errors.length} rule error${errors.length > 1 ? 's' : ''}: ${[...new Set(errors.map((f) => f.rule))].join(', ')} (stored as findings)`] : [])],
  };
}

runCommand(() => main(process.argv.slice(2)));
