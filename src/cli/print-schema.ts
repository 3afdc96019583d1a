/** Writes schema.graphql from the Pothos schema (committed; a test fails when it is stale). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchemaSDL } from '../schema/index.js';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema.graphql');
writeFileSync(target, printSchemaSDL() + '\n');
process.stdout.write(`wrote ${target}\n`);
