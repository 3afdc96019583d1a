/**
 * `npm run agencies -- duplicates|merge|rename …`: finding and mending agencies that are one, from
 * the server's command line (the database of DATABASE_URL, or the embedded one).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { findLikelyDuplicates, type AgencySummary } from '../store/agencies/duplicates.js';
import { AgencyWriteRefused, mergeAgencies, renameAgency } from '../store/agencies/merge.js';
import { adminWriter } from '../store/services/api-tokens.js';
import { decodeGlobalId } from '../schema/global-id.js';
import { openCommandDatabase, runCommand, UsageError } from './command.js';

const USAGE = `usage:
  npm run agencies -- duplicates [--region-code CODE] [--json]   likely duplicates, the surest first
  npm run agencies -- merge INTO FROM… [--keep REPORT]…             FROM's reports and names move to INTO
  npm run agencies -- rename ID NAME [--region-code CODE]
IDs are numeric or global IDs. A year both sides of a merge have a report of needs --keep with the report to keep;
the other becomes a revision of it (Report.revisions), nothing is lost.`;

function numericId(value: string, typename: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const decoded = decodeGlobalId(value);
  if (decoded.typename !== typename) throw new UsageError(`${value} names a ${decoded.typename}, not a ${typename}`);
  return Number(decoded.id);
}

const summary = (a: AgencySummary) => `${a.id} ${a.name} (region ${a.regionCode ?? 'unknown'}, ${a.reports} reports${a.names.length ? `; names ${a.names.join('、')}` : ''})`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'region-code': { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!['duplicates', 'merge', 'rename'].includes(command ?? '')) throw new UsageError(USAGE);
  if (command === 'merge' && rest.length < 2) throw new UsageError(`merge needs INTO and at least one FROM\n${USAGE}`);
  if (command === 'rename' && rest.length !== 2) throw new UsageError(`rename needs ID and NAME\n${USAGE}`);
  const regionCode = values['region-code'];
  if (regionCode && !/^\d{2}(\d{2}){0,2}$/.test(regionCode)) throw new UsageError(`--region-code must be 2, 4 or 6 digits, got ${regionCode}`);

  const database = await openCommandDatabase(loadConfig());
  try {
    const em = database.orm.em.fork();
    if (command === 'duplicates') {
      const found = await findLikelyDuplicates(em, regionCode);
      if (values.json) process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      else {
        for (const d of found) process.stdout.write(`${d.likeness}\n  ${summary(d.agencies[0])}\n  ${summary(d.agencies[1])}\n`);
        process.stdout.write(`${found.length} likely duplicate pair${found.length === 1 ? '' : 's'}${found.length ? ': check them, then `npm run agencies -- merge INTO FROM`' : ''}\n`);
      }
    } else if (command === 'merge') {
      const [into, ...from] = rest.map((id) => numericId(id, 'Agency'));
      const merged = await mergeAgencies(em, { into, from, keepReports: (values.keep ?? []).map((id) => numericId(id, 'Report')), writer: adminWriter('cli') });
      process.stdout.write(`merged into ${merged.agency.id} ${merged.agency.name}: ${merged.moved} reports moved, ${merged.deleted} kept as revisions of the reports kept\n`);
    } else {
      const agency = await renameAgency(em, { id: numericId(rest[0], 'Agency'), name: rest[1], regionCode: regionCode ?? null, writer: adminWriter('cli') });
      process.stdout.write(`renamed ${agency.id} to ${agency.name} (region ${agency.regionCode ?? 'unknown'})\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(() => main(process.argv.slice(2)), (error) => (error instanceof AgencyWriteRefused ? `${error.code}: ${error.message}` : null));
