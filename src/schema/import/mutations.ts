/**
 * importReport: one report from HTML, text or interchange JSON, parsed, checked and stored in one
 * transaction. Refusals come back as a typed payload (ImportReportRefused) with a stable code, so a
 * client can tell "your file is not a report" from a failure of the service.
 */
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ImportRefused, storeReadReport, type ImportErrorCode } from '../../store/services/import.js';
import { loadRegions } from '../../store/services/regions-queries.js';
import type { AgencyView } from '../../store/reports/views.js';
import { Agency, AgencyKindEnum, AgencyLevelEnum } from '../agencies/agency.js';
import { expectGlobalId } from '../global-id.js';
import { builder } from '../builder.js';
import { reportPartsAt } from '../reports/lookahead.js';
import { Finding, Report, ReportStatusEnum, SourceKindEnum } from '../reports/report.js';
import { forbiddenAsError, refused, writeResult } from './refusal.js';

const IMPORT_ERROR_CODES: Record<ImportErrorCode, string> = {
  TOO_LARGE: 'The content is over the size limit of the server, or a part of it has too much distinct text to index for search.',
  TOO_DEEP: 'The HTML nests elements deeper than a browser does (512 levels): not a report page, or a broken one.',
  EMPTY_INPUT: 'The content is empty.',
  BINARY_INPUT: 'The content is binary data, not a report page or text.',
  UNDECODABLE: 'The bytes are neither UTF-8 nor GB18030/GBK text.',
  NO_REPORT_FOUND: 'No table of the 2019 or 2021 annual report format was found in the content.',
  PRE_2019_FORMAT: 'A free-form report from before the 2019 format: it has no tables to map (kept out of the statistics).',
  NO_YEAR: 'The statistical year could not be found: pass `year`.',
  NO_AGENCY: 'The issuing agency could not be found: pass `agencyName`.',
  INVALID_JSON: 'The content was declared or detected as JSON but does not parse.',
  INVALID_INPUT: 'The input breaks a rule of the interchange format or of this mutation; see `issues`.',
  NO_TEXT_LAYER: 'The PDF has no text layer (a scan): run OCR first and import the text.',
  ENCRYPTED: 'The PDF or Word file is password-protected.',
  DAMAGED_DOCUMENT: 'The PDF or Word file is truncated or damaged and cannot be read.',
  TOO_MANY_PAGES: 'The PDF has more pages than the server reads for one report.',
  UNSUPPORTED_FORMAT: 'A file format the service does not read (e.g. an old Word .doc): save it as .docx or PDF.',
  AMBIGUOUS_AGENCY: 'The agency’s name fits several stored agencies (see `candidates`): pass `agencyId`.',
  NO_REGION: 'No stored agency has this name and the region of a new one cannot be told from it: pass `regionCode`.',
  AGENCY_NOT_FOUND: 'No agency has the `agencyId` given.',
};

interface SuccessShape {
  reportId: number;
  created: boolean;
  changed: boolean;
  warnings: string[];
}

const ImportReportSuccess = builder.objectRef<SuccessShape>('ImportReportSuccess').implement({
  description: 'The report was stored (created, or updated when the agency already had a report for that year).',
  fields: (t) => ({
    report: t.field({ type: Report, description: 'The stored report.', resolve: async (s, _args, ctx, info) => (await ctx.loaders.report(s.reportId, reportPartsAt(info)))! }),
    created: t.exposeBoolean('created', { description: 'True when the report is new; false when it replaced the same agency’s report for that year.' }),
    changed: t.exposeBoolean('changed', {
      description: 'False when the agency’s report of that year was stored already exactly so (same source, numbers and metadata): nothing was written. A replaced version is kept: its changed cells as corrections.',
    }),
    warnings: t.exposeStringList('warnings', { description: 'What the import assumed, e.g. that a similar name is the stored agency’s.' }),
    findings: t.field({
      type: [Finding],
      description: 'What the checks found in the stored report (the printed numbers are kept as they are).',
      resolve: (s, _args, ctx) => ctx.loaders.part(s.reportId, 'findings'),
    }),
  }),
});

const ImportReportResult = writeResult('ImportReport', {
  success: ImportReportSuccess,
  codes: IMPORT_ERROR_CODES,
  codeEnum: { name: 'ImportErrorCode', description: 'Why an import was refused.' },
  refusedDescription: 'The import was refused and nothing was changed.',
  refusedFields: (t) => ({
    candidates: t.field({
      type: [Agency],
      description: 'The agencies an ambiguous name could mean (AMBIGUOUS_AGENCY): pass the `id` of one as `agencyId`.',
      resolve: async (r: { candidates?: AgencyView[] }, _args: unknown, ctx: { loaders: { agency(id: number): Promise<AgencyView | null> } }) =>
        (await Promise.all((r.candidates ?? []).map((c) => ctx.loaders.agency(c.id)))).filter((a) => a !== null),
    }),
  }),
  resultDescription: 'Either the stored report, or why it was refused.',
});

const ImportReportInput = builder.inputType('ImportReportInput', {
  description: 'A report as published, plus what the text itself may not say.',
  fields: (t) => ({
    content: t.string({ description: 'The report: an HTML page, plain text (copied, or extracted from a PDF), or interchange JSON. Use `contentBase64` instead for raw bytes (e.g. a GBK-encoded page).' }),
    contentBase64: t.string({ description: 'The report as raw bytes, base64-encoded: a PDF (read from its text layer) or Word .docx file, detected by content, or text whose encoding (UTF-8 or GB18030/GBK) is detected.' }),
    kind: t.field({ type: SourceKindEnum, description: 'What the content is; detected when absent.' }),
    fileName: t.string({ description: 'Original file name, used in messages (and as a last resort for the year).', validate: z.string().max(255) }),
    agencyId: t.id({ description: 'The stored agency the report belongs to (an `Agency` ID), e.g. one of the `candidates` of an AMBIGUOUS_AGENCY refusal.' }),
    agencyName: t.string({ description: 'The issuing agency, when the text does not name it or names it differently.', validate: z.string().min(2).max(200) }),
    regionCode: t.string({ description: 'GB/T 2260 six-digit code of the agency’s region, e.g. 370406.', validate: z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code') }),
    regionName: t.string({ description: 'Name of the agency’s region, e.g. 山东省枣庄市山亭区.', validate: z.string().max(100) }),
    agencyLevel: t.field({ type: AgencyLevelEnum, description: 'Administrative level of the agency.' }),
    agencyKind: t.field({ type: AgencyKindEnum, description: 'Government or department.' }),
    year: t.int({ description: 'The statistical year, when the text does not state it.', validate: z.number().int().min(2008).max(2100) }),
    sourceUrl: t.string({
      description: 'Where the report was published: an http:// or https:// URL.',
      validate: z.string().max(2000).url().regex(/^https?:\/\/[^\s/]/i, 'must be an http:// or https:// URL'),
    }),
    publishedOn: t.field({ type: 'Date', description: 'Publication date.' }),
    status: t.field({ type: ReportStatusEnum, description: 'DRAFT to keep it unpublished; PUBLISHED by default.' }),
  }),
});

builder.mutationFields((t) => ({
  importReport: t.field({
    type: ImportReportResult,
    authScopes: { editor: true },
    description:
      'Imports one report (an HTML page, text, interchange JSON, or a PDF or Word .docx file given as `contentBase64`), checks it and stores it with its printed numbers and its findings. The agency is found by `agencyId`, or by its region and its name up to printing variants (bracketed aliases, spaces, full-width forms, region prefixes, names it was known by before); a name that fits several agencies is refused as AMBIGUOUS_AGENCY. Re-importing the same agency and year updates that report and keeps the replaced version. Needs an API token.',
    args: { input: t.arg({ type: ImportReportInput, required: true, description: 'The report and what to record with it.' }) },
    resolve: async (_root, { input }, ctx) => {
      const given = [input.content, input.contentBase64].filter((c) => c != null).length;
      if (given !== 1) {
        return refused(new ImportRefused('INVALID_INPUT', 'Pass exactly one of `content` or `contentBase64`.', [{ path: 'content', message: 'exactly one of content, contentBase64' }]));
      }
      if (input.contentBase64 != null && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(input.contentBase64)) {
        return refused(new ImportRefused('INVALID_INPUT', '`contentBase64` is not base64.', [{ path: 'contentBase64', message: 'not base64' }]));
      }
      if (input.regionCode != null && !(await loadRegions(ctx.em, [input.regionCode])).length) {
        throw new GraphQLError(`Invalid argument: input.regionCode: no region has the code ${input.regionCode} (GB/T 2260, e.g. 370406).`, {
          extensions: { code: 'BAD_USER_INPUT', field: 'input.regionCode' },
        });
      }
      const content = input.content ?? new Uint8Array(Buffer.from(input.contentBase64!, 'base64'));
      try {
        const request = {
          content,
          kind: input.kind ?? null,
          fileName: input.fileName ?? null,
          maxBytes: ctx.limits.maxImportBytes,
          overrides: {
            agencyId: input.agencyId != null ? expectGlobalId(String(input.agencyId), 'Agency') : null,
            agencyName: input.agencyName,
            regionCode: input.regionCode,
            regionName: input.regionName,
            agencyLevel: input.agencyLevel,
            agencyKind: input.agencyKind,
            year: input.year,
            sourceUrl: input.sourceUrl,
            publishedOn: input.publishedOn,
            status: input.status,
          },
        };
        const { report, created, changed, warnings } = await storeReadReport(ctx.em, await ctx.parse(request), request.overrides, ctx.viewer.writer);
        return { reportId: report.id, created, changed, warnings };
      } catch (error) {
        if (error instanceof ImportRefused) return refused(error, { candidates: error.candidates });
        throw forbiddenAsError(error);
      }
    },
  }),
}));
