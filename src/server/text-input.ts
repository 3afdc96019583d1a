/**
 * Text arguments may hold tabs and line breaks, never NUL or other control characters: PostgreSQL
 * refuses NUL in text (a driver error, answered as a server error before this check), and the others
 * are never meant. Checked once for every string a request passes, in variables or inline, before
 * execution; the error names the argument.
 */
import { GraphQLError, Kind, type DocumentNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Import content may be text extracted from a PDF, which separates pages with form feeds. */
const PAGE_TEXT_FIELDS = new Set(['content']);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const CONTROL_IN_PAGE_TEXT = /[\u0000-\u0008\u000e-\u001f]/;

function badCharacter(text: string, key: string): string | undefined {
  return (PAGE_TEXT_FIELDS.has(key) ? CONTROL_IN_PAGE_TEXT : CONTROL).exec(text)?.[0];
}

function inValue(value: unknown, path: string, key: string): [string, string] | undefined {
  if (typeof value === 'string') {
    const bad = badCharacter(value, key);
    return bad === undefined ? undefined : [path, bad];
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = inValue(value[i], `${path}[${i}]`, key);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = inValue(v, path ? `${path}.${k}` : k, k);
      if (found) return found;
    }
  }
  return undefined;
}

function inLiteral(node: ValueNode, path: string, key: string): [string, string] | undefined {
  if (node.kind === Kind.STRING) {
    const bad = badCharacter(node.value, key);
    return bad === undefined ? undefined : [path, bad];
  }
  if (node.kind === Kind.LIST) {
    for (let i = 0; i < node.values.length; i++) {
      const found = inLiteral(node.values[i], `${path}[${i}]`, key);
      if (found) return found;
    }
  }
  if (node.kind === Kind.OBJECT) {
    for (const field of node.fields) {
      const found = inLiteral(field.value, `${path}.${field.name.value}`, field.name.value);
      if (found) return found;
    }
  }
  return undefined;
}

function inDocument(document: DocumentNode): [string, string] | undefined {
  let found: [string, string] | undefined;
  const visitArguments = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const n = node as { kind?: string; arguments?: readonly { name: { value: string }; value: ValueNode }[] };
    for (const argument of n.arguments ?? []) {
      found ??= inLiteral(argument.value, argument.name.value, argument.name.value);
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(visitArguments);
      else if (child && typeof child === 'object' && 'kind' in child) visitArguments(child);
    }
  };
  visitArguments(document);
  return found;
}

/** A parsed document is cached and reused by yoga: its inline strings are checked once. */
const documentChecked = new WeakMap<DocumentNode, [string, string] | null>();

function inDocumentOnce(document: DocumentNode): [string, string] | undefined {
  let found = documentChecked.get(document);
  if (found === undefined) documentChecked.set(document, (found = inDocument(document) ?? null));
  return found ?? undefined;
}

export function textInputGuard(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const found = inValue(args.variableValues ?? {}, '', '') ?? inDocumentOnce(args.document);
      if (!found) return;
      const [path, character] = found;
      const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`Invalid argument: ${path} contains the control character ${code}; text may hold tabs and line breaks only.`, {
            extensions: { code: 'BAD_USER_INPUT', field: path },
          }),
        ],
      });
    },
  };
}
