/**
 * Database errors a client can act on, as clean GraphQL errors: a statement cancelled at the
 * statement timeout, and a write that collided with another one. Everything else stays an
 * internal error (logged, never shown).
 */
import { GraphQLError } from 'graphql';
import { isWriteConflict } from '../store/services/refusal.js';

const sqlState = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

export function databaseError(error: unknown, statementTimeoutMs: number): GraphQLError | undefined {
  const state = sqlState(error);
  if (state === '57014') {
    return new GraphQLError(`The query took longer than the server allows (${statementTimeoutMs} ms) and was cancelled: narrow the filter or ask for less.`, {
      extensions: { code: 'QUERY_TIMEOUT' },
    });
  }
  if (isWriteConflict(error)) {
    return new GraphQLError('Another write to the same report happened at the same time, and this one was not applied: read the report again and retry.', {
      extensions: { code: 'CONFLICT' },
    });
  }
  return undefined;
}
