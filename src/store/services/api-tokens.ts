/**
 * API tokens: created with a secret shown once and stored as its SHA-256, scoped, revocable; and
 * the writer a request acts as, whose scope every write checks and whose name every write records.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AgencySchema, ApiTokenSchema, WriteRecordSchema, type ApiToken, type TokenRole, type WriteAction } from '../entities/index.js';
import { Refusal } from './refusal.js';

/** Who a write is made by: a stored token, a token of NIANBAO_API_TOKENS, or a command run on the server. */
export interface Writer {
  name: string;
  role: TokenRole;
  tokenId: number | null;
  regionPrefixes: readonly string[];
  agencyIds: readonly number[];
}

export const adminWriter = (name: string): Writer => ({ name, role: 'ADMIN', tokenId: null, regionPrefixes: [], agencyIds: [] });

export type TokenErrorCode = 'NAME_TAKEN' | 'INVALID_SCOPE' | 'NOT_FOUND';
export class TokenRefused extends Refusal<TokenErrorCode> {}

/** A write outside the writer's scope. */
export class WriteForbidden extends Error {}

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const describeScope = (w: Pick<Writer, 'regionPrefixes' | 'agencyIds'>) =>
  [...w.regionPrefixes.map((p) => `region ${p}`), ...w.agencyIds.map((id) => `agency ${id}`)].join(', ') || 'nothing';

export function assertMayWrite(writer: Writer | undefined, agency: { id?: number; name: string; regionCode: string | null }): void {
  if (!writer || writer.role === 'ADMIN') return;
  const inRegion = agency.regionCode !== null && writer.regionPrefixes.some((prefix) => agency.regionCode!.startsWith(prefix));
  const listed = agency.id !== undefined && writer.agencyIds.includes(agency.id);
  if (!inRegion && !listed) {
    throw new WriteForbidden(
      `The token "${writer.name}" may write only reports of its scope (${describeScope(writer)}); ${agency.name} (region ${agency.regionCode ?? 'unknown'}) is outside it.`,
    );
  }
}

/** The report a write is recorded on; `revisionId` when the write belongs to one of its revisions (see WriteRecord). */
export interface WrittenReport {
  id: number;
  agencyId: number;
  year: number;
  revisionId?: number | null;
}

export async function recordWrite(em: EntityManager, writer: Writer | undefined, action: WriteAction, report: WrittenReport): Promise<void> {
  await recordWrites(em, writer, action, [report]);
}

/** One statement for any number of reports (a bulk import or a merge records a write per report): no entity to track. */
export async function recordWrites(em: EntityManager, writer: Writer | undefined, action: WriteAction, reports: readonly WrittenReport[]): Promise<void> {
  if (!writer || !reports.length) return;
  await em.execute(
    `insert into write_record (report_id, agency_id, year, action, token_name, token_id, revision_id, created_at) values ${reports.map(() => '(?, ?, ?, ?, ?, ?, ?, now())').join(', ')}`,
    reports.flatMap((r) => [r.id, r.agencyId, r.year, action, writer.name, writer.tokenId, r.revisionId ?? null]),
    'run',
  );
}

export interface NewToken {
  name: string;
  role: TokenRole;
  regionPrefixes?: readonly string[];
  agencyIds?: readonly number[];
}

export async function createApiToken(em: EntityManager, input: NewToken): Promise<{ token: ApiToken; secret: string }> {
  const regionPrefixes = [...new Set(input.regionPrefixes ?? [])];
  const agencyIds = [...new Set(input.agencyIds ?? [])];
  const issues = regionPrefixes.filter((p) => !/^\d{2}(\d{2}){0,2}$/.test(p)).map((p) => ({ path: 'regionPrefixes', message: `"${p}" is not 2, 4 or 6 digits` }));
  if (!/^\S(.{0,98}\S)?$/.test(input.name)) issues.push({ path: 'name', message: 'must be 1–100 characters, not starting or ending with a space' });
  if (input.role === 'EDITOR' && !regionPrefixes.length && !agencyIds.length) issues.push({ path: 'regionPrefixes', message: 'an EDITOR needs a scope: region code prefixes and/or agencies' });
  const known = agencyIds.length ? await em.find(AgencySchema, { id: { $in: agencyIds } }, { fields: ['id'] }) : [];
  for (const id of agencyIds) if (!known.some((a) => a.id === id)) issues.push({ path: 'agencyIds', message: `no agency has the ID ${id}` });
  if (issues.length) throw new TokenRefused('INVALID_SCOPE', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  if (await em.count(ApiTokenSchema, { name: input.name })) throw new TokenRefused('NAME_TAKEN', `A token named "${input.name}" exists already (names stay taken after revocation).`, [{ path: 'name', message: 'taken' }]);

  const secret = `nb_${randomBytes(24).toString('base64url')}`;
  const token = em.create(ApiTokenSchema, { name: input.name, role: input.role, secretHash: hashSecret(secret), regionPrefixes, agencyIds, revokedAt: null } as never) as ApiToken;
  await em.flush();
  return { token, secret };
}

export async function listApiTokens(em: EntityManager): Promise<ApiToken[]> {
  return (await em.find(ApiTokenSchema, {}, { orderBy: { id: 'asc' } })) as ApiToken[];
}

export async function revokeApiToken(em: EntityManager, name: string): Promise<ApiToken> {
  const token = (await em.findOne(ApiTokenSchema, { name })) as ApiToken | null;
  if (!token) throw new TokenRefused('NOT_FOUND', `No token is named "${name}".`);
  token.revokedAt ??= new Date();
  await em.flush();
  return token;
}

/** The writer of a presented secret; null for an unknown or revoked one. */
export async function writerForSecret(em: EntityManager, secret: string): Promise<Writer | null> {
  const [row] = await em
    .getConnection()
    .execute<{ id: number; name: string; role: TokenRole; regionPrefixes: string[]; agencyIds: number[] }[]>(
      `select id, name, role, region_prefixes as "regionPrefixes", agency_ids as "agencyIds" from api_token where secret_hash = ? and revoked_at is null`,
      [hashSecret(secret)],
    );
  return row ? { name: row.name, role: row.role, tokenId: row.id, regionPrefixes: row.regionPrefixes, agencyIds: row.agencyIds } : null;
}
