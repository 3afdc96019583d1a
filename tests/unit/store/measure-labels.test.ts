import { describe, expect, it } from 'vitest';
import { APPLICANT_CODES, APPLICATION_ROW_CODES, PROACTIVE_ITEM_CODES, PROACTIVE_MEASURE_CODES, REVIEW_GROUP_CODES, REVIEW_OUTCOME_CODES } from '../../../src/format/index.js';
import { MEASURE_KINDS, REFUSAL_ROWS, buildMeasure, type MeasureRequest } from '../../../src/store/services/measures.js';

/** Every measure a request can build: each kind over every cell or column it takes. */
function everyMeasure(): MeasureRequest[] {
  return MEASURE_KINDS.flatMap((kind): MeasureRequest[] => {
    if (kind === 'APPLICATION_CELL') return APPLICATION_ROW_CODES.flatMap((applicationRow) => APPLICANT_CODES.map((applicantColumn) => ({ kind, applicationRow, applicantColumn })));
    if (kind === 'DISCLOSURE_CELL') return PROACTIVE_ITEM_CODES.flatMap((disclosureItem) => PROACTIVE_MEASURE_CODES.map((disclosureMeasure) => ({ kind, disclosureItem, disclosureMeasure })));
    if (kind === 'REVIEW_CELL') return REVIEW_GROUP_CODES.flatMap((reviewGroup) => REVIEW_OUTCOME_CODES.map((reviewOutcome) => ({ kind, reviewGroup, reviewOutcome })));
    if (kind === 'REFUSAL_SHARE') return REFUSAL_ROWS.flatMap((applicationRow) => APPLICANT_CODES.map((applicantColumn) => ({ kind, applicationRow, applicantColumn })));
    return APPLICANT_CODES.map((applicantColumn) => ({ kind, applicantColumn }));
  });
}

describe('measure labels', () => {
  it('every measure has a short label for a chart legend next to its long official one', () => {
    for (const request of everyMeasure()) {
      const measure = buildMeasure(request);
      expect([...measure.shortLabel].length, `${JSON.stringify(request)}: ${measure.shortLabel}`).toBeLessThanOrEqual(17);
      expect(measure.shortLabel.length).toBeLessThan(measure.label.length);
    }
  });

  it('the disclosure rate reads 公开率, naming the column only when it is not 总计', () => {
    expect(buildMeasure({ kind: 'DISCLOSURE_RATE' }).shortLabel).toBe('公开率');
    expect(buildMeasure({ kind: 'DISCLOSURE_RATE', applicantColumn: 'NATURAL_PERSON' }).shortLabel).toBe('公开率·自然人');
    expect(buildMeasure({ kind: 'DISCLOSURE_CELL', disclosureItem: 'ADMINISTRATIVE_PUNISHMENT', disclosureMeasure: 'DECISIONS' }).shortLabel).toBe('行政处罚·处理决定');
  });
});
