import { ArrayType, EntitySchema } from '@mikro-orm/core';

export const TOKEN_ROLES = ['ADMIN', 'EDITOR'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/**
 * An API token, stored as the SHA-256 of its secret (the secret is shown once, at creation). An
 * ADMIN writes everything and manages tokens; an EDITOR writes only the reports of agencies in its
 * scope: agencies whose region code starts with one of `regionPrefixes`, or listed in `agencyIds`.
 */
export interface ApiToken {
  id: number;
  name: string;
  role: TokenRole;
  secretHash: string;
  regionPrefixes: string[];
  agencyIds: number[];
  createdAt: Date;
  revokedAt: Date | null;
}

export const ApiTokenSchema = new EntitySchema<ApiToken>({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    name: { type: 'text', unique: 'api_token_name_unique' },
    role: { enum: true, items: () => [...TOKEN_ROLES], nativeEnumName: 'token_role' },
    secretHash: { type: 'text', unique: 'api_token_secret_hash_unique' },
    regionPrefixes: { type: 'text[]', default: '{}' },
    agencyIds: { type: new ArrayType<number>((id) => Number(id)), columnType: 'int[]', default: '{}' },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    revokedAt: { type: 'datetime', nullable: true },
  },
});

export const WRITE_ACTIONS = ['IMPORT', 'CORRECT', 'PUBLISH', 'DELETE', 'MERGE'] as const;
export type WriteAction = (typeof WRITE_ACTIONS)[number];

/** Who changed which report, how and when: one row per write, kept after the report is deleted. */
export interface WriteRecord {
  id: number;
  reportId: number;
  agencyId: number;
  year: number;
  action: WriteAction;
  /** The token's name (tokens of NIANBAO_API_TOKENS are "NIANBAO_API_TOKENS #n"; the import command "cli"). */
  tokenName: string;
  /** The stored token, when it was one (null for NIANBAO_API_TOKENS and the command line). */
  tokenId: number | null;
  /**
   * The revision of `reportId` the write belongs to: for a write made to a report that a merge later
   * made a revision of this one, that revision (the write's report id was moved here); for the MERGE
   * that made it, the same. Null for writes of the report itself.
   */
  revisionId: number | null;
  createdAt: Date;
}

export const WriteRecordSchema = new EntitySchema<WriteRecord>({
  name: 'WriteRecord',
  tableName: 'write_record',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    reportId: { type: 'integer' },
    agencyId: { type: 'integer' },
    year: { type: 'smallint' },
    action: { enum: true, items: () => [...WRITE_ACTIONS], nativeEnumName: 'write_action' },
    tokenName: { type: 'text' },
    tokenId: { type: 'integer', nullable: true },
    revisionId: { type: 'integer', nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
  indexes: [{ name: 'write_record_report_index', properties: ['reportId'] }],
});
