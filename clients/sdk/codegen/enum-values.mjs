/**
 * Codegen plugin: every enum of the schema as a run-time list of its values (for pickers and
 * validation). The client preset types only the enums the SDK's operations use; the list covers all
 * (tests/unit/sdk/types.test.ts checks lists and unions agree).
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType } from 'graphql';

export const plugin = () => {
  // Codegen hands plugins a sorted schema; pickers want the official order, as schema.graphql prints it.
  const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
  const enums = Object.values(schema.getTypeMap())
    .filter((type) => isEnumType(type) && !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lines = enums.map((type) => {
    const values = type.getValues().map((v) => JSON.stringify(v.name)).join(', ');
    const doc = type.description ? `/** ${type.description.replace(/\*\//g, '*\\/').split('\n')[0]} */\n` : '';
    return `${doc}export const ${type.name}Values = [${values}] as const;`;
  });
  const index = `/** Every enum's values by enum name. */\nexport const enumValues = {\n${enums.map((t) => `  ${t.name}: ${t.name}Values,`).join('\n')}\n} as const;`;
  return `${lines.join('\n\n')}\n\n${index}\n`;
};
