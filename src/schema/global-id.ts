/** Relay global IDs: base64 of `Type:id`. A malformed one is a user error with a clear message. */
import { GraphQLError } from 'graphql';

export function encodeGlobalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(globalId) ? Buffer.from(globalId, 'base64').toString('utf8') : '';
  const match = /^([A-Za-z]+):(\d{1,15})$/.exec(decoded);
  if (!match) {
    throw new GraphQLError(`"${globalId}" is not a Nianbao global ID (expected the \`id\` of an object, e.g. from \`reports\`).`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return { typename: match[1], id: match[2] };
}

/** Decodes an ID that must name an object of one type, and returns its numeric database id. */
export function expectGlobalId(globalId: string, typename: string): number {
  const decoded = decodeGlobalId(globalId);
  if (decoded.typename !== typename) {
    throw new GraphQLError(`ID "${globalId}" names a ${decoded.typename}, not a ${typename}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return Number(decoded.id);
}
