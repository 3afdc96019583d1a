/**
 * The versions a report replaced: a re-import keeps the previous version whole, and mergeAgencies
 * keeps the report it did not keep. Public, as corrections are; who replaced it, for token holders
 * only, as `writes`.
 */
import { REVISION_REASONS } from '../../store/entities/index.js';
import type { RevisionView } from '../../store/reports/revisions.js';
import { builder } from '../builder.js';
import { Report, SourceKindEnum } from '../reports/report.js';
import { Correction } from './corrections.js';

const REASON_DESCRIPTIONS: Record<(typeof REVISION_REASONS)[number], string> = {
  REIMPORT: 'A re-import of the agency’s report of that year replaced it (its changed cells are also in `corrections`).',
  MERGE: 'It was the report of that year of an agency merged into this one (`mergeAgencies`), and this report was kept instead.',
};

const RevisionReasonEnum = builder.enumType('RevisionReason', {
  description: 'Why a version of a report is no longer the report.',
  values: Object.fromEntries(REVISION_REASONS.map((reason) => [reason, { value: reason, description: REASON_DESCRIPTIONS[reason] }])),
});

export const ReportRevision = builder.objectRef<RevisionView>('ReportRevision').implement({
  description: 'A version of a report that something replaced, kept whole: its source, metadata and data.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'The `version` it had. REIMPORT: the report went on to version + 1; MERGE: the merged report’s own version.' }),
    reason: t.field({ type: RevisionReasonEnum, description: 'Why it was replaced.', resolve: (v) => v.reason }),
    replacedAt: t.field({ type: 'DateTime', description: 'When it was replaced.', resolve: (v) => v.replacedAt }),
    replacedBy: t.string({
      nullable: true,
      authScopes: { editor: true },
      description: 'The name of the token whose write replaced it ("cli" for the import command), as `writes` tells; null when not recorded. Needs an API token.',
      resolve: (v) => v.replacedBy,
    }),
    agencyName: t.exposeString('agencyName', { nullable: true, description: 'The name of the agency (发布机关) it was stored under then; for MERGE the merged agency, which no longer exists.' }),
    title: t.exposeString('title', { nullable: true, description: 'Its title as published, when known.' }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true, description: 'Where it was published, when known.' }),
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true, description: 'Its publication date, when known.' }),
    sourceKind: t.expose('sourceKind', { type: SourceKindEnum, nullable: true, description: 'The form of its stored original.' }),
    sourceText: t.string({
      nullable: true,
      description: 'Its original as received, verbatim (HTML or text). Large: ask for it only for the revisions you read.',
      resolve: async (v, _args, ctx) => (await ctx.loaders.revisionContent(v.id)).sourceText,
    }),
    interchange: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Its data as interchange JSON (as `Report.interchange`, without findings); null for a revision kept before its data was recorded (6 December 2026).',
      resolve: async (v, _args, ctx) => (await ctx.loaders.revisionContent(v.id)).interchange,
    }),
    corrections: t.field({
      type: [Correction],
      description:
        'Cells corrected while it was a report of its own, oldest first (MERGE: the merged report’s corrections, and those of its own re-imports; empty for REIMPORT, whose corrections are the report’s). Every revision of a request in one statement.',
      resolve: (v, _args, ctx) => ctx.loaders.revisionCorrections(v.id),
    }),
    changedCells: t.stringList({
      description: 'The cells whose value differs in the version that replaced it, as findings cite them (e.g. applications.NEW_RECEIVED.TOTAL); a blank cell and a printed one differ.',
      resolve: (v) => v.changedCells,
    }),
  }),
});

builder.objectField(Report, 'revisions', (t) =>
  t.field({
    type: [ReportRevision],
    description: 'The versions this report replaced, oldest first: every re-import keeps the previous version, and a merge the report it did not keep. Every report of a page in one statement.',
    resolve: (report, _args, ctx) => ctx.loaders.revisions(report.id),
  }),
);
