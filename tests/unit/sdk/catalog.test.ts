/** The SDK's labels are the server's: the same catalog.json, covering every code the schema has. */
import { describe, expect, it } from 'vitest';
import { isEnumType } from 'graphql';
import serverCatalog from '../../../src/format/catalog.json' with { type: 'json' };
import { schema } from '../../../src/schema/index.js';
import { catalog, labelsFor, ruleOf, type FormatLabels } from '../../../clients/sdk/src/index.js';

const enumFor: Record<Exclude<keyof FormatLabels, 'notice'>, string> = {
  sections: 'SectionCode',
  disclosureItems: 'DisclosureItem',
  disclosureMeasures: 'DisclosureMeasure',
  applicationRows: 'ApplicationRow',
  applicantColumns: 'ApplicantColumn',
  reviewGroups: 'ReviewGroup',
  reviewOutcomes: 'ReviewOutcome',
};

describe('SDK labels', () => {
  it('are a copy of src/format/catalog.json', () => {
    expect(catalog).toEqual(serverCatalog);
  });

  it('name every value of the table enums in some format, and nothing else', () => {
    const versions = schema.getType('FormatVersion');
    if (!isEnumType(versions)) throw new Error('FormatVersion is not an enum');
    const all = versions.getValues().map((v) => labelsFor(v.name as 'FORMAT_2021'));
    for (const [key, enumName] of Object.entries(enumFor)) {
      const type = schema.getType(enumName);
      if (!isEnumType(type)) throw new Error(`${enumName} is not an enum`);
      const labelled = new Set(all.flatMap((labels) => Object.keys(labels[key as keyof typeof enumFor])));
      expect([...labelled].sort(), enumName).toEqual(type.getValues().map((v) => v.name).sort());
    }
  });

  it('differ between formats where the forms differ', () => {
    expect(labelsFor('FORMAT_2021').disclosureItems.NORMATIVE_DOCUMENTS).toBe('行政规范性文件');
    expect(labelsFor('FORMAT_2019').disclosureItems.NORMATIVE_DOCUMENTS).toBe('规范性文件');
    expect(labelsFor('FORMAT_2019').applicationRows.OTHER_FEE_UNPAID).toBeUndefined();
    expect(labelsFor('FORMAT_2021').applicantColumns.NATURAL_PERSON).toBe('自然人');
    expect(ruleOf('R1')?.severity).toBe('ERROR');
  });
});
