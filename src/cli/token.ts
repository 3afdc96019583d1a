/**
 * `npm run token -- create|list|revoke …`: API tokens from the server's command line, against the
 * database of DATABASE_URL (or the embedded one). The secret is printed once, at creation.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openCommandDatabase, runCommand, UsageError } from './command.js';
import { TOKEN_ROLES, type ApiToken, type TokenRole } from '../store/entities/index.js';
import { createApiToken, listApiTokens, revokeApiToken, TokenRefused } from '../store/services/api-tokens.js';
import { decodeGlobalId } from '../schema/global-id.js';

const USAGE = `usage:
  npm run token -- create --name NAME --role ADMIN|EDITOR [--region PREFIX]… [--agency ID]…
  npm run token -- list
  npm run token -- revoke NAME
An EDITOR writes only reports of agencies whose region code starts with a --region prefix (e.g. 3501)
or that are listed with --agency (numeric or global ID).`;

const scope = (t: ApiToken) => [...t.regionPrefixes.map((p) => `region ${p}`), ...t.agencyIds.map((id) => `agency ${id}`)].join(', ') || 'everything';

function agencyId(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const decoded = decodeGlobalId(value);
  if (decoded.typename !== 'Agency') throw new UsageError(`--agency ${value} names a ${decoded.typename}, not an agency`);
  return Number(decoded.id);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, region: { type: 'string', multiple: true }, agency: { type: 'string', multiple: true } },
  });
  const [command, ...rest] = positionals;
  if (!['create', 'list', 'revoke'].includes(command ?? '')) throw new UsageError(USAGE);
  if (command === 'create' && (!values.name || !TOKEN_ROLES.includes(values.role as TokenRole))) throw new UsageError(`create needs --name and --role ADMIN or EDITOR\n${USAGE}`);
  if (command === 'revoke' && rest.length !== 1) throw new UsageError(`revoke needs the token's name\n${USAGE}`);
  const agencyIds = (values.agency ?? []).map(agencyId);

  const config = loadConfig();
  const database = await openCommandDatabase(config);
  try {
    const em = database.orm.em.fork();
    if (command === 'create') {
      const { token, secret } = await createApiToken(em, { name: values.name!, role: values.role as TokenRole, regionPrefixes: values.region ?? [], agencyIds });
      process.stdout.write(`created ${token.role} token "${token.name}" (${scope(token)})\n\n  ${secret}\n\nSend it as "Authorization: Bearer <secret>". It is shown only now: only its hash is stored.\n`);
    } else if (command === 'list') {
      for (const t of await listApiTokens(em)) {
        process.stdout.write(`${t.name}\t${t.role}\t${scope(t)}\tcreated ${t.createdAt.toISOString()}${t.revokedAt ? `\trevoked ${t.revokedAt.toISOString()}` : ''}\n`);
      }
    } else {
      const token = await revokeApiToken(em, rest[0]);
      process.stdout.write(`revoked "${token.name}"\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(() => main(process.argv.slice(2)), (error) => (error instanceof TokenRefused ? error.message : null));
