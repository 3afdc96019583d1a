/**
 * Agency staff after import: correct printed cells (every check re-runs, the change is recorded),
 * publish a draft, withdraw a report. All need an API token; each is one transaction.
 */
import { GraphQLError } from 'graphql';
import type { CorrectionView } from '../../store/reports/corrections.js';
import { correctReport, CorrectionRefused, deleteReport, publishReport, type CorrectionErrorCode } from '../../store/services/corrections.js';
import { builder } from '../builder.js';
import { expectGlobalId } from '../global-id.js';
import { reportPartsAt } from '../reports/lookahead.js';
import { Finding, Report } from '../reports/report.js';
import { forbiddenAsError, refused, writeResult } from './refusal.js';

const CORRECTION_ERROR_CODES: Record<CorrectionErrorCode, string> = {
  NOT_FOUND: 'No report has that ID.',
  STALE_VERSION: 'The report changed since the version given: read it again (its `version`), then correct what is still wrong.',
  UNKNOWN_CELL: 'A cell path names no cell of the report’s format version; see `issues`.',
  INVALID_VALUE: 'A value is not allowed there (e.g. a negative count); see `issues`.',
  NO_CHANGES: 'Every cell already had the given value.',
};

export const Correction = builder.objectRef<CorrectionView>('Correction').implement({
  description: 'A cell changed by agency staff after import, with what it was before. The original stays in `sourceText`.',
  fields: (t) => ({
    cell: t.exposeString('cell', { description: 'The cell, as findings cite it (e.g. applications.NEW_RECEIVED.TOTAL).' }),
    previous: t.field({ type: 'Decimal', nullable: true, description: 'The value before; null when it was blank.', resolve: (c) => c.previous }),
    value: t.expose('value', { type: 'Decimal', nullable: true, description: 'The corrected value; null when made blank.' }),
    note: t.exposeString('note', { nullable: true, description: 'Why, as given by whoever corrected it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When.' }),
  }),
});

builder.objectField(Report, 'version', (t) =>
  t.exposeInt('version', { description: 'Goes up by one with every change (re-import, correction, publication). Pass it to `correctReport` so a correction never overwrites a change made meanwhile.' }),
);

builder.objectField(Report, 'corrections', (t) =>
  t.field({
    type: [Correction],
    description: 'Cells corrected after import, oldest first. Those of a report merged into this one are its revision’s (`revisions { corrections }`).',
    resolve: (report, _args, ctx) => ctx.loaders.corrections(report.id),
  }),
);

interface CorrectedShape {
  reportId: number;
  corrections: CorrectionView[];
}

const CorrectReportSuccess = builder.objectRef<CorrectedShape>('CorrectReportSuccess').implement({
  description: 'The corrected report, re-checked.',
  fields: (t) => ({
    report: t.field({ type: Report, description: 'The report with the corrected cells.', resolve: async (s, _a, ctx, info) => (await ctx.loaders.report(s.reportId, reportPartsAt(info)))! }),
    corrections: t.expose('corrections', { type: [Correction], description: 'The cells this correction changed.' }),
    findings: t.field({ type: [Finding], description: 'What the checks find now.', resolve: (s, _a, ctx) => ctx.loaders.part(s.reportId, 'findings') }),
  }),
});

const CorrectReportResult = writeResult('CorrectReport', {
  success: CorrectReportSuccess,
  codes: CORRECTION_ERROR_CODES,
  codeEnum: { name: 'CorrectionErrorCode', description: 'Why a correction was refused.' },
  refusedDescription: 'The correction was refused and nothing changed.',
  resultDescription: 'Either the corrected report, or why the correction was refused.',
});

const CellCorrectionInput = builder.inputType('CellCorrectionInput', {
  description: 'A new value for one cell.',
  fields: (t) => ({
    cell: t.string({ required: true, description: 'The cell, as findings cite it: table.ROW.COLUMN, e.g. applications.CARRIED_FORWARD.TOTAL.' }),
    value: t.field({ type: 'Decimal', description: 'The value as it should have been printed; null or absent makes the cell blank.' }),
  }),
});

const notFound = () => new GraphQLError('No report has that ID.', { extensions: { code: 'NOT_FOUND' } });

builder.mutationFields((t) => ({
  correctReport: t.field({
    type: CorrectReportResult,
    authScopes: { editor: true },
    description: 'Corrects printed cells of a report: every check re-runs, the change is recorded in `corrections`, the original is kept. Needs an API token.',
    args: {
      reportId: t.arg.id({ required: true, description: 'The report’s global ID.' }),
      cells: t.arg({ type: [CellCorrectionInput], required: true, description: 'The cells to change (at least one).' }),
      note: t.arg.string({ description: 'Why (kept with each changed cell).' }),
      version: t.arg.int({ description: 'The report’s `version` the correction was made on: refused as STALE_VERSION when the report changed since. Send it; without it the correction applies to whatever is stored.' }),
    },
    resolve: async (_root, args, ctx) => {
      try {
        const result = await correctReport(ctx.em, {
          reportId: expectGlobalId(String(args.reportId), 'Report'),
          cells: args.cells.map((c) => ({ cell: c.cell, value: c.value == null ? null : Number(c.value) })),
          note: args.note,
          version: args.version,
          writer: ctx.viewer.writer,
        });
        return { reportId: result.report.id, corrections: result.corrections };
      } catch (error) {
        if (error instanceof CorrectionRefused) return refused(error);
        throw forbiddenAsError(error);
      }
    },
  }),
  publishReport: t.field({
    type: Report,
    authScopes: { editor: true },
    description: 'Publishes a draft (or changes the publication date of a published report). Needs an API token.',
    args: {
      id: t.arg.id({ required: true, description: 'The report’s global ID.' }),
      publishedOn: t.arg({ type: 'Date', description: 'Publication date; unchanged when absent.' }),
    },
    resolve: async (_root, { id, publishedOn }, ctx, info) => {
      try {
        const published = await publishReport(ctx.em, expectGlobalId(String(id), 'Report'), publishedOn, ctx.viewer.writer);
        return (await ctx.loaders.report(published.id, reportPartsAt(info)))!;
      } catch (error) {
        if (error instanceof CorrectionRefused) throw notFound();
        throw forbiddenAsError(error);
      }
    },
  }),
  deleteReport: t.field({
    type: 'ID',
    authScopes: { editor: true },
    description: 'Deletes a report with its tables, sections, findings and corrections; returns its ID. Needs an API token.',
    args: { id: t.arg.id({ required: true, description: 'The report’s global ID.' }) },
    resolve: async (_root, { id }, ctx) => {
      try {
        await deleteReport(ctx.em, expectGlobalId(String(id), 'Report'), ctx.viewer.writer);
        return id;
      } catch (error) {
        if (error instanceof CorrectionRefused) throw notFound();
        throw forbiddenAsError(error);
      }
    },
  }),
}));
