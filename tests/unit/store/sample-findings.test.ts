/**
 * The sample reports' parser findings speak the API's language: each has a stable code and its
 * params, so the service renders it in Chinese (or English) like any finding found today.
 */
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../../src/format/index.js';
import { readSamples } from '../../../src/store/services/samples.js';

describe('sample findings', () => {
  it('each carry a known code and its params', () => {
    for (const { file, sample } of readSamples()) {
      for (const finding of (sample.report as { findings?: { code?: string; params?: object }[] }).findings ?? []) {
        expect(FINDING_CODES, file).toContain(finding.code);
        expect(finding.params, file).toBeTypeOf('object');
      }
    }
  });
});
