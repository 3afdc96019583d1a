/**
 * A refused write as a typed payload: a stable code, what was wrong, and the individual issues.
 * graphql-js treats an Error returned by a resolver as a field error, so refusals travel as plain
 * data, in a union with the write's success type.
 */
import type { ObjectRef } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { WriteForbidden } from '../../store/services/api-tokens.js';
import type { Refusal } from '../../store/services/refusal.js';
import { builder } from '../builder.js';

export const InputIssue = builder.simpleObject('InputIssue', {
  description: 'One problem in the input, with where it is.',
  fields: (t) => ({
    path: t.string({ description: 'Where: a field of the input or a path in the interchange JSON (e.g. applications.NEW_RECEIVED.TOTAL).' }),
    message: t.string({ description: 'What is wrong there.' }),
  }),
});

export interface RefusedShape<Code extends string> {
  refused: true;
  code: Code;
  message: string;
  issues: { path: string; message: string }[];
}

export const refused = <Code extends string, Extra extends object = object>(error: Refusal<Code>, extra?: Extra): RefusedShape<Code> & Extra => ({
  refused: true,
  code: error.code,
  message: error.message,
  issues: error.issues,
  ...(extra as Extra),
});

export interface WriteResultSpec<Success extends object, Code extends string> {
  success: ObjectRef<any, Success>;
  /** The reason codes, each with its description. */
  codes: Record<Code, string>;
  /** Name and description of the enum of `codes`. */
  codeEnum: { name: string; description: string };
  refusedDescription: string;
  resultDescription: string;
  /** Fields the refusal has besides code, message and issues. */
  refusedFields?: (t: any) => Record<string, any>;
}

/** `<Write>Result`: the success type or `<Write>Refused`, whose `code` is one of `codes`. */
export function writeResult<Success extends object, Code extends string>(write: string, spec: WriteResultSpec<Success, Code>) {
  const codeEnum = builder.enumType(spec.codeEnum.name, {
    description: spec.codeEnum.description,
    values: Object.fromEntries(Object.entries<string>(spec.codes).map(([code, description]) => [code, { value: code, description }])),
  });
  const refusedType = builder.objectRef<RefusedShape<Code>>(`${write}Refused`).implement({
    description: spec.refusedDescription,
    fields: (t) => ({
      code: t.field({ type: codeEnum, description: 'Stable reason code.', resolve: (r) => r.code as never }),
      message: t.exposeString('message', { description: 'What was wrong, where and why, in words.' }),
      issues: t.expose('issues', { type: [InputIssue], description: 'The individual problems, when there are several.' }),
      ...spec.refusedFields?.(t),
    }),
  });
  return builder.unionType(`${write}Result`, {
    description: spec.resultDescription,
    types: [spec.success, refusedType],
    resolveType: (value) => ('refused' in value ? refusedType : spec.success),
  });
}

/** A write outside the token's scope is refused as FORBIDDEN (an error, not a payload: no retry helps). */
export function forbiddenAsError(error: unknown): unknown {
  return error instanceof WriteForbidden ? new GraphQLError(error.message, { extensions: { code: 'FORBIDDEN' } }) : error;
}
