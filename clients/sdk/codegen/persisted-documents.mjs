/**
 * Codegen plugin: trusted documents. With `format: 'ids'`, the TypeScript map the client uses
 * (operation name → `sha256:<hex>` of the text it would send); with `format: 'manifest'`, the
 * manifest a server loads (hex hash → document text), which the SDK build copies to
 * dist/persisted-documents.json. Hashes are of the exact text of operation-sources.ts, UTF-8.
 */
import { createHash } from 'node:crypto';
import { operationTexts } from './operation-sources.mjs';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

export const plugin = (_schema, documents, config) => {
  const operations = operationTexts(documents);
  if (config.format === 'manifest') {
    return `${JSON.stringify(Object.fromEntries(operations.map(({ text }) => [sha256(text), text])), null, 2)}\n`;
  }
  const entries = operations.map(({ name, text }) => `  ${name}: 'sha256:${sha256(text)}',`);
  return `/** Operation name → its trusted document id (sha256 of the text the client sends; see persisted-documents.json). */\nexport const persistedDocumentIds: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n};\n`;
};
