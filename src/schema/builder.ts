import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
import { COMPLEXITY_LIMIT, MAX_NODE_IDS, NODE_ID_COST } from './costs.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

export type Scalars = {
  Decimal: { Input: string; Output: string | number };
  Date: { Input: string; Output: string };
  DateTime: { Input: Date; Output: Date | string };
  JSON: { Input: unknown; Output: unknown };
};

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: Scalars;
  AuthScopes: { editor: boolean; admin: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ValidationPlugin, ComplexityPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({ editor: context.viewer.canWrite, admin: context.viewer.writer?.role === 'ADMIN' }),
    unauthorizedError: (_parent, context) =>
      new GraphQLError(
        context.viewer.canWrite
          ? `The token "${context.viewer.writer?.name}" is an EDITOR: managing tokens needs an ADMIN token.`
          : context.viewer.tokenPresented
            ? 'The API token is not valid (unknown or revoked): writes need `Authorization: Bearer <token>` with a token of NIANBAO_API_TOKENS or one created by `npm run token -- create`.'
            : 'Writes need an API token: send `Authorization: Bearer <token>`. Reads stay public.',
        { extensions: { code: context.viewer.tokenPresented ? 'FORBIDDEN' : 'UNAUTHENTICATED' } },
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalID) => decodeGlobalId(globalID),
    idFieldOptions: { description: 'Global ID: stable, opaque, accepted by `node(id:)`.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID (Relay `Node`).',
      args: { id: { description: 'A global ID, as returned in an `id` field.' } },
    },
    nodesQueryOptions: {
      description: `Fetches several objects by their global IDs (at most ${MAX_NODE_IDS}), in the order given; null for an ID that names nothing.`,
      args: { ids: { description: `Global IDs, as returned in \`id\` fields (1–${MAX_NODE_IDS}).` } },
      complexity: (args: { ids: unknown[] }) => ({ field: Math.min(args.ids.length, MAX_NODE_IDS + 1) * NODE_ID_COST }),
      resolve: (_root, args, _ctx, _info, resolveNodes) => {
        if (args.ids.length > MAX_NODE_IDS) {
          throw new GraphQLError(`nodes(ids:) takes at most ${MAX_NODE_IDS} IDs, got ${args.ids.length}: ask in pages.`, { extensions: { code: 'BAD_USER_INPUT' } });
        }
        return resolveNodes(args.ids);
      },
    },
    nodeTypeOptions: { description: 'An object with a stable global ID, fetchable through `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection (Relay cursor pagination).' },
    pageInfoFieldOptions: { description: 'Where this page sits, and the cursors to fetch the pages around it.' },
    hasNextPageFieldOptions: { description: 'Whether there are more items after this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether there are items before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page (pass as `before` to go back).' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page (pass as `after` to go on).' },
    edgesFieldOptions: { description: 'The items of the page, each with its cursor.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque position of this item, for `after`/`before`.' },
    firstArgOptions: { description: 'Page forward: at most this many items (1–100).' },
    afterArgOptions: { description: 'Page forward: items after this cursor.' },
    lastArgOptions: { description: 'Page backward: at most this many items (1–100).' },
    beforeArgOptions: { description: 'Page backward: items before this cursor.' },
  },
  validation: {
    validationError: (result) =>
      new GraphQLError(`Invalid argument: ${result.issues.map((i) => `${(i.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)).join('.') || 'value'}: ${i.message}`).join('; ')}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { depth: 15, breadth: 400, complexity: COMPLEXITY_LIMIT },
    complexityError: (kind, result) => {
      const key = kind.toLowerCase() as 'depth' | 'breadth' | 'complexity';
      const max = { depth: result.maxDepth, breadth: result.maxBreadth, complexity: result.maxComplexity }[key];
      return new GraphQLError(`Query too ${key === 'depth' ? 'deep' : key === 'breadth' ? 'broad' : 'complex'}: ${key} ${result[key]} exceeds the limit ${max}. Ask for fewer fields or smaller pages.`, {
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      });
    },
  },
});

builder.queryType({ description: 'Reading Nianbao: annual reports, agencies and the official format. Public, no token needed.' });
builder.mutationType({ description: 'Changing Nianbao: importing and correcting reports, managing API tokens. Needs `Authorization: Bearer <token>`.' });
