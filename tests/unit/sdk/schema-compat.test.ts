/**
 * SDK users compiled against an older schema must keep working: schema.graphql may add, never
 * remove or retype, relative to clients/sdk/schema.baseline.graphql. The baseline moves only on
 * purpose, with a CHANGELOG entry that records its sha256 (see clients/sdk/CHANGELOG.md).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, concatAST, findBreakingChanges, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');

describe('schema compatibility for SDK users', () => {
  const baseline = read('clients/sdk/schema.baseline.graphql');

  it('schema.graphql breaks nothing of the baseline', () => {
    const changes = findBreakingChanges(buildSchema(baseline), buildSchema(read('schema.graphql')));
    expect(
      changes.map((c) => `${c.type}: ${c.description}`),
      'A breaking schema change. If it is deliberate: copy schema.graphql to clients/sdk/schema.baseline.graphql, ' +
        'bump the SDK major version and record why in clients/sdk/CHANGELOG.md with the new baseline sha256.',
    ).toEqual([]);
  });

  it("covers what the SDK's operations use (else removing it would go unnoticed)", () => {
    const dir = 'clients/sdk/operations';
    const operations = concatAST(readdirSync(new URL(`../../../${dir}`, import.meta.url)).map((f) => parse(read(`${dir}/${f}`))));
    expect(
      validate(buildSchema(baseline), operations).map((e) => e.message),
      'An operation uses something the baseline lacks: move the baseline forward (see clients/sdk/CHANGELOG.md).',
    ).toEqual([]);
  });

  it('the baseline is the one the CHANGELOG records', () => {
    const sha256 = createHash('sha256').update(baseline).digest('hex');
    expect(read('clients/sdk/CHANGELOG.md'), `record "schema baseline sha256: ${sha256}" in clients/sdk/CHANGELOG.md`).toContain(
      `schema baseline sha256: ${sha256}`,
    );
  });
});
