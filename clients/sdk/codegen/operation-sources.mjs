/**
 * Codegen plugin: the text of every operation with the fragments it uses, keyed by operation name.
 * The client sends these strings, so it never needs graphql-js's printer at run time (React
 * Native and mini-program bundles stay small), while graphql.ts keeps the DocumentNode objects
 * that Apollo Client and urql want.
 */
import { Kind, print, visit } from 'graphql';

/** Every operation's name and the text the client sends: the operation, then the fragments it spreads. */
export function operationTexts(documents) {
  const fragments = new Map();
  const operations = [];
  for (const { document } of documents) {
    for (const definition of document?.definitions ?? []) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    }
  }
  const used = (node, seen = new Set()) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (seen.has(name)) return;
        seen.add(name);
        used(fragments.get(name), seen);
      },
    });
    return seen;
  };
  return operations
    .map((operation) => ({ name: operation.name.value, text: [operation, ...[...used(operation)].sort().map((name) => fragments.get(name))].map(print).join('\n\n') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export const plugin = (_schema, documents) => {
  const entries = operationTexts(documents).map(({ name, text }) => `  ${name}: ${JSON.stringify(text)},`);
  return `/** Operation name → the GraphQL text the client sends (operation and the fragments it spreads). */\nexport const operationSources: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n};\n`;
};
