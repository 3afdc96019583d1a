/**
 * Every failure of a call is a NianbaoError: GraphQL errors with the server's `extensions.code`,
 * HTTP failures with their status, unreachable servers, and replies that are not GraphQL.
 */

/** One error as the server sends it (the GraphQL over HTTP response format). */
export interface NianbaoGraphQLError {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly locations?: ReadonlyArray<{ readonly line: number; readonly column: number }>;
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

/** Codes Nianbao sets in `extensions.code`; other strings may appear as the server grows. */
export type NianbaoServerErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_COMPLEX'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  | 'INTERNAL_SERVER_ERROR';

/** Codes the client sets when the server gave none (GRAPHQL_ERROR: an error without `extensions.code`). */
export type NianbaoTransportErrorCode = 'HTTP_ERROR' | 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'BAD_RESPONSE' | 'GRAPHQL_ERROR';

// `string & {}` keeps editor completion for the known codes while accepting new ones.
export type NianbaoErrorCode = NianbaoServerErrorCode | NianbaoTransportErrorCode | (string & {});

/** graphql: the server answered with errors; http: a non-2xx status without them; network: no answer; response: not GraphQL JSON. */
export type NianbaoErrorKind = 'graphql' | 'http' | 'network' | 'response';

export interface NianbaoErrorInit {
  kind: NianbaoErrorKind;
  message: string;
  code: NianbaoErrorCode;
  operationName: string;
  errors?: readonly NianbaoGraphQLError[];
  status?: number;
  data?: unknown;
  cause?: unknown;
}

export class NianbaoError extends Error {
  override readonly name = 'NianbaoError';
  readonly kind: NianbaoErrorKind;
  /** `extensions.code` of the first GraphQL error, or a transport code. */
  readonly code: NianbaoErrorCode;
  /** Path of the first GraphQL error (e.g. ["report"]), when it has one. */
  readonly path: ReadonlyArray<string | number> | undefined;
  /** Every GraphQL error as the server sent it (empty for transport failures). */
  readonly errors: readonly NianbaoGraphQLError[];
  /** HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** The operation that failed, e.g. "report". */
  readonly operationName: string;
  /** Partial data the server returned next to the errors, if any. */
  readonly data: unknown;
  readonly cause: unknown;

  constructor(init: NianbaoErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.path = this.errors[0]?.path;
    this.status = init.status;
    this.operationName = init.operationName;
    this.data = init.data;
    this.cause = init.cause;
  }

  /** From a GraphQL response's `errors`. */
  static fromGraphQL(operationName: string, errors: readonly NianbaoGraphQLError[], status: number, data: unknown): NianbaoError {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return new NianbaoError({
      kind: 'graphql',
      code: first?.extensions?.code ?? 'GRAPHQL_ERROR',
      message: `${operationName}: ${first?.message ?? 'unknown error'}${more}`,
      operationName,
      errors,
      status,
      data,
    });
  }
}

/** `instanceof` fails when two copies of the SDK are bundled; this does not. */
export function isNianbaoError(value: unknown): value is NianbaoError {
  return value instanceof NianbaoError || (value instanceof Error && value.name === 'NianbaoError' && 'kind' in value && 'errors' in value);
}
