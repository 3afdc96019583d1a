import { REPORT_STATUSES, SOURCE_KINDS } from '../../store/entities/index.js';
import { reportInterchange } from '../../store/reports/interchange.js';
import type { FindingView, ReportView, SectionView } from '../../store/reports/views.js';
import { findingMessage, labels } from '../../format/index.js';
import { Agency } from '../agencies/agency.js';
import { ApplicationsTable } from '../applications/table.js';
import { builder } from '../builder.js';
import { loadAll, whenReady } from '../loaders.js';
import { DisclosureTable } from '../disclosure/table.js';
import { FindingCodeEnum, FindingRuleEnum, FormatVersionEnum, SectionCodeEnum, SeverityEnum } from '../format/enums.js';
import { ReviewsTable } from '../reviews/table.js';
import { reportPartsAt, rowsAsked } from './lookahead.js';

const SEVERITY_ORDER = { ERROR: 0, WARNING: 1, INFO: 2 } as const;

export const ReportStatusEnum = builder.enumType('ReportStatus', {
  description: 'Whether a report is visible as published or still being prepared.',
  values: { DRAFT: { value: REPORT_STATUSES[0], description: 'Being imported or corrected; not yet published.' }, PUBLISHED: { value: REPORT_STATUSES[1], description: 'Published by the agency.' } },
});

export const SourceKindEnum = builder.enumType('SourceKind', {
  description: 'The form in which the original report was received.',
  values: {
    HTML: { value: SOURCE_KINDS[0], description: 'An HTML page as published.' },
    TEXT: { value: SOURCE_KINDS[1], description: 'Plain text: copied from a page, or extracted from a PDF.' },
    JSON: { value: SOURCE_KINDS[2], description: 'The report interchange JSON.' },
  },
});

export const Section = builder.objectRef<SectionView>('Section').implement({
  description: 'One of the six parts of a report (一、总体情况 … 六、其他需要报告的事项).',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Position 1–6 in the official order.' }),
    code: t.expose('code', { type: SectionCodeEnum, description: 'Stable code of the part.' }),
    officialTitle: t.string({ description: 'The official heading of the part.', resolve: (s) => labels.section(s.code) ?? s.title }),
    title: t.exposeString('title', { description: 'The heading as printed in this report (agencies vary it).' }),
    body: t.exposeString('body', { description: 'The text of the part, as printed.' }),
  }),
});

export const Finding = builder.objectRef<FindingView>('Finding').implement({
  description: 'A result of the consistency checks (rules R1–R4, B1, X1–X3 of the format) or of the parser, for one report.',
  fields: (t) => ({
    rule: t.expose('rule', {
      type: FindingRuleEnum,
      description: 'Rule: R1 (一+二=三+四, printed on the form), R2 (总计 = sum of applicants), R3 (（七）总计 = sum of outcomes), R4 (table 四 totals), B1 (blank cell), X1 (上年结转 = last year’s 结转下年度), X2, X3 (text vs table), or the parser’s PARSE and SPLIT.',
    }),
    severity: t.expose('severity', { type: SeverityEnum, description: 'How serious it is.' }),
    code: t.field({ type: FindingCodeEnum, nullable: true, description: 'What was found, as a stable code (null for findings stored before codes existed).', resolve: (f) => f.code }),
    params: t.expose('params', {
      type: 'JSON',
      nullable: true,
      description: 'The particulars of `code` as JSON (cell paths, catalog codes, printed values, years), for portals that word or mark findings themselves.',
    }),
    message: t.string({
      description: 'What is wrong, where and why, with the official labels: in Chinese, or in English when the request says `Accept-Language: en`.',
      resolve: (f, _args, ctx) => findingMessage(f, ctx.language),
    }),
    cells: t.exposeStringList('cells', { description: 'The cells involved, as paths like applications.NEW_RECEIVED.TOTAL.' }),
    expected: t.expose('expected', { type: 'Decimal', nullable: true, description: 'The value the rule implies, when it computes one.' }),
    actual: t.expose('actual', { type: 'Decimal', nullable: true, description: 'The value the report printed, when compared.' }),
  }),
});

export const Report = builder.objectRef<ReportView>('Report');

builder.node(Report, {
  description: 'One 政府信息公开工作年度报告: one agency, one statistical year, with its six parts, three tables and the findings of the checks.',
  id: { resolve: (r) => r.id, description: 'Global ID of the report.' },
  loadMany: (ids, ctx) => loadAll((id) => ctx.loaders.report(id), ids),
  fields: (t) => ({
    agency: t.expose('agency', { type: Agency, description: 'The issuing organ (发布机关).' }),
    year: t.exposeInt('year', { description: 'The statistical year (统计时限), not the publication year.' }),
    formatVersion: t.expose('formatVersion', { type: FormatVersionEnum, description: 'The official format the tables follow.' }),
    title: t.exposeString('title', { nullable: true, description: 'The title as published, when known.' }),
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true, description: 'Publication date, when known.' }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true, description: 'Where the report was published.' }),
    status: t.expose('status', { type: ReportStatusEnum, description: 'Draft or published.' }),
    sourceKind: t.expose('sourceKind', { type: SourceKindEnum, nullable: true, description: 'The form of the stored original.' }),
    sourceText: t.string({
      nullable: true,
      description: 'The original as received, verbatim (HTML or text), so it can be parsed again. Large: ask for it only for one report.',
      resolve: (r, _args, ctx) => ctx.loaders.sourceText(r.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When Nianbao first stored the report.' }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the report was last imported or corrected.', resolve: (r) => r.updatedAt }),
    sections: t.field({
      type: [Section],
      description: 'The parts found in the report, in official order (a part missing from the text is absent).',
      resolve: (r, _args, ctx) => ctx.loaders.part(r, 'sections'),
    }),
    section: t.field({
      type: Section,
      nullable: true,
      description: 'One part by its code; null when the report lacks it.',
      args: { code: t.arg({ type: SectionCodeEnum, required: true, description: 'The part.' }) },
      resolve: (r, { code }, ctx) => whenReady(ctx.loaders.part(r, 'sections'), (sections) => sections.find((s) => s.code === code) ?? null),
    }),
    proactiveDisclosure: t.field({
      type: DisclosureTable,
      description: 'Table 二 主动公开政府信息情况.',
      resolve: (r, _args, ctx, info) => whenReady(ctx.loaders.part(r, 'disclosure', rowsAsked(info.fieldNodes, 'disclosure', info)), (cells) => ({ formatVersion: r.formatVersion, cells })),
    }),
    applications: t.field({
      type: ApplicationsTable,
      description: 'Table 三 收到和处理政府信息公开申请情况.',
      resolve: (r, _args, ctx, info) => whenReady(ctx.loaders.part(r, 'applications', rowsAsked(info.fieldNodes, 'applications', info)), (rows) => ({ formatVersion: r.formatVersion, rows })),
    }),
    reviewsAndLitigation: t.field({
      type: ReviewsTable,
      description: 'Table 四 政府信息公开行政复议、行政诉讼情况.',
      resolve: (r, _args, ctx, info) => whenReady(ctx.loaders.part(r, 'reviews', rowsAsked(info.fieldNodes, 'reviews', info)), (groups) => ({ formatVersion: r.formatVersion, groups })),
    }),
    findings: t.field({
      type: [Finding],
      description: 'What the consistency checks and the parser found, most serious first.',
      args: {
        severity: t.arg({ type: SeverityEnum, description: 'Only findings of this severity.' }),
        rule: t.arg({ type: FindingRuleEnum, description: 'Only findings of this rule (e.g. R1).' }),
      },
      resolve: (r, { severity, rule }, ctx) =>
        whenReady(ctx.loaders.part(r, 'findings'), (findings) =>
          findings.filter((f) => (!severity || f.severity === severity) && (!rule || f.rule === rule)).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id - b.id),
        ),
    }),
    interchange: t.field({
      type: 'JSON',
      description: 'The whole report as interchange JSON (the shape the parser emits and the import accepts), with its findings.',
      resolve: async (r, _args, ctx) => {
        const [sections, applications, reviews, disclosure, findings] = await Promise.all([
          ctx.loaders.part(r, 'sections'),
          ctx.loaders.part(r, 'applications'),
          ctx.loaders.part(r, 'reviews'),
          ctx.loaders.part(r, 'disclosure'),
          ctx.loaders.part(r, 'findings'),
        ]);
        return reportInterchange({ ...r, sections, applications, reviews, disclosure, findings });
      },
    }),
    previousYear: t.field({
      type: Report,
      nullable: true,
      description: 'The same agency’s report for the year before, when stored.',
      resolve: (r, _args, ctx, info) => ctx.loaders.reportOfAgencyYear(r.agency.id, r.year - 1, reportPartsAt(info)),
    }),
  }),
});
