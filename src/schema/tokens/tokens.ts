/**
 * Managing API tokens over GraphQL (ADMIN tokens only), and which token made each write of a report
 * (token holders only). `npm run token` does the same from the server's command line.
 */
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { TOKEN_ROLES, WriteRecordSchema, WRITE_ACTIONS, type ApiToken as ApiTokenRecord, type WriteRecord } from '../../store/entities/index.js';
import { createApiToken, listApiTokens, revokeApiToken, TokenRefused } from '../../store/services/api-tokens.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { encodeGlobalId, expectGlobalId } from '../global-id.js';
import { ReportRevision } from '../import/revisions.js';
import { Report } from '../reports/report.js';

const TokenRoleEnum = builder.enumType('TokenRole', {
  description: 'What a token may do.',
  values: {
    [TOKEN_ROLES[0]]: { value: TOKEN_ROLES[0], description: 'Write every report and manage tokens.' },
    [TOKEN_ROLES[1]]: { value: TOKEN_ROLES[1], description: 'Import, correct, publish and delete the reports of agencies in its scope.' },
  },
});

const ApiToken = builder.objectRef<ApiTokenRecord>('ApiToken').implement({
  description: 'An API token. Its secret is shown once, when it is created; only its hash is stored.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique name, recorded with every write the token makes.' }),
    role: t.field({ type: TokenRoleEnum, description: 'ADMIN or EDITOR.', resolve: (tk) => tk.role }),
    regionPrefixes: t.stringList({ description: 'An EDITOR writes reports of agencies whose region code starts with one of these (e.g. 3501).', resolve: (tk) => tk.regionPrefixes }),
    agencyIds: t.idList({ description: 'An EDITOR also writes reports of these agencies (global IDs).', resolve: (tk) => tk.agencyIds.map((id) => encodeGlobalId('Agency', String(id))) }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was created.', resolve: (tk) => tk.createdAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was revoked; null while it works.', resolve: (tk) => tk.revokedAt }),
  }),
});

const CreatedApiToken = builder.simpleObject('CreatedApiToken', {
  description: 'A new token and its secret.',
  fields: (t) => ({
    token: t.field({ type: ApiToken, description: 'The token.' }),
    secret: t.string({ description: 'Send as `Authorization: Bearer <secret>`. Shown only now: it cannot be read again.' }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: 'A token to create.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique name (who or what uses it), 1–100 characters.', validate: z.string().min(1).max(100) }),
    role: t.field({ type: TokenRoleEnum, required: true, description: 'ADMIN or EDITOR.' }),
    regionPrefixes: t.stringList({ description: 'EDITOR scope: region code prefixes of 2, 4 or 6 digits.', validate: z.array(z.string()).max(100) }),
    agencyIds: t.idList({ description: 'EDITOR scope: agencies (global IDs).', validate: z.array(z.any()).max(100) }),
  }),
});

const badInput = (error: unknown) =>
  error instanceof TokenRefused ? new GraphQLError(error.message, { extensions: { code: error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT' } }) : error;

builder.queryFields((t) => ({
  apiTokens: t.field({
    type: [ApiToken],
    authScopes: { admin: true },
    description: 'Every API token, revoked ones included, oldest first. Needs an ADMIN token.',
    resolve: (_root, _args, ctx) => listApiTokens(ctx.em),
  }),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiToken,
    authScopes: { admin: true },
    description: 'Creates an API token; its secret is in the answer and nowhere else. Needs an ADMIN token.',
    args: { input: t.arg({ type: CreateApiTokenInput, required: true, description: 'Name, role and scope.' }) },
    resolve: async (_root, { input }, ctx) => {
      try {
        return await createApiToken(ctx.em, {
          name: input.name,
          role: input.role,
          regionPrefixes: input.regionPrefixes ?? [],
          agencyIds: (input.agencyIds ?? []).map((id) => expectGlobalId(String(id), 'Agency')),
        });
      } catch (error) {
        throw badInput(error);
      }
    },
  }),
  revokeApiToken: t.field({
    type: ApiToken,
    authScopes: { admin: true },
    description: 'Revokes a token at once: requests with it are refused from now on. Needs an ADMIN token.',
    args: { name: t.arg.string({ required: true, description: 'The token’s name.' }) },
    resolve: async (_root, { name }, ctx) => {
      try {
        return await revokeApiToken(ctx.em, name);
      } catch (error) {
        throw badInput(error);
      }
    },
  }),
}));

const WriteActionEnum = builder.enumType('WriteAction', {
  description: 'A kind of write.',
  values: {
    [WRITE_ACTIONS[0]]: { value: WRITE_ACTIONS[0], description: 'Imported (created or replaced).' },
    [WRITE_ACTIONS[1]]: { value: WRITE_ACTIONS[1], description: 'Cells corrected.' },
    [WRITE_ACTIONS[2]]: { value: WRITE_ACTIONS[2], description: 'Published.' },
    [WRITE_ACTIONS[3]]: { value: WRITE_ACTIONS[3], description: 'Deleted.' },
    [WRITE_ACTIONS[4]]: {
      value: WRITE_ACTIONS[4],
      description: 'mergeAgencies: moved to the agency kept, or (with `revision`) kept over a report of the same year, which became that revision of it.',
    },
  },
});

const ReportWrite = builder.objectRef<WriteRecord>('ReportWrite').implement({
  description: 'One write of a report: what, by which token, when.',
  fields: (t) => ({
    action: t.field({ type: WriteActionEnum, description: 'What was done.', resolve: (w) => w.action }),
    tokenName: t.exposeString('tokenName', { description: 'The name of the token that did it ("NIANBAO_API_TOKENS #n" for a configured one, "cli" for the import command).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When.' }),
    revision: t.field({
      type: ReportRevision,
      nullable: true,
      description:
        'Null for a write of this report itself. A write of a report that `mergeAgencies` later made a revision of this one: that revision (its history stays with this report); the MERGE that made it: the same revision.',
      resolve: async (w, _args, ctx) => (w.revisionId === null ? null : ((await ctx.loaders.revisions(w.reportId)).find((v) => v.id === w.revisionId) ?? null)),
    }),
  }),
});

/** One statement for every report of a page (see loaders.ts). */
const writeLoaders = new WeakMap<Context, DataLoader<number, WriteRecord[]>>();
const writesOf = (ctx: Context) => {
  let loader = writeLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const rows = (await ctx.em.find(WriteRecordSchema, { reportId: { $in: [...ids] } }, { orderBy: { id: 'asc' } })) as WriteRecord[];
      return ids.map((id) => rows.filter((r) => r.reportId === id));
    });
    writeLoaders.set(ctx, loader);
  }
  return loader;
};

builder.objectField(Report, 'writes', (t) =>
  t.field({
    type: [ReportWrite],
    authScopes: { editor: true },
    description: 'Every write of this report, oldest first, with the token that made it. Needs an API token.',
    resolve: (report, _args, ctx) => writesOf(ctx).load(report.id),
  }),
);
