import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
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
  AuthScopes: { editor: boolean };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ValidationPlugin, ComplexityPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({ editor: context.viewer.canWrite }),
    unauthorizedError: (_parent, context) =>
      new GraphQLError(
        context.viewer.tokenPresented
          ? 'The API token is not valid: writes need `Authorization: Bearer <token>` with a token configured on the server (NIANBAO_API_TOKENS).'
          : 'Writes need an API token: send `Authorization: Bearer <token>`. Reads stay public.',
        { extensions: { code: context.viewer.tokenPresented ? 'FORBIDDEN' : 'UNAUTHENTICATED' } },
      ),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalID) => decodeGlobalId(globalID),
    nodeQueryOptions: { description: 'Fetches any object by its global ID (Relay `Node`).' },
    nodesQueryOptions: { description: 'Fetches several objects by their global IDs, in the order given; null for an ID that names nothing.' },
    nodeTypeOptions: { description: 'An object with a stable global ID, fetchable through `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection (Relay cursor pagination).' },
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
    limit: { depth: 15, breadth: 400, complexity: 250_000 },
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
builder.mutationType({ description: 'Changing Nianbao: importing and correcting reports. Needs `Authorization: Bearer <token>`.' });
