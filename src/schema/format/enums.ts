/**
 * GraphQL enums of the format's vocabulary, generated from the catalog. Each value's description is
 * its official Chinese label (and the 2019 label where the trial format worded it differently).
 */
import {
  APPLICANT_CODES,
  APPLICATION_ROW_CODES,
  FORMAT_VERSIONS,
  PROACTIVE_ITEM_CODES,
  PROACTIVE_MEASURE_CODES,
  REVIEW_GROUP_CODES,
  REVIEW_OUTCOME_CODES,
  SECTION_CODES,
  catalog,
  formatSpec,
  labels,
  type FormatVersion,
} from '../../format/index.js';
import { SEVERITIES } from '../../store/entities/index.js';
import { builder } from '../builder.js';

type LabelOf = (code: string, version?: FormatVersion) => string | undefined;

function describe(code: string, labelOf: LabelOf): string {
  const byVersion = FORMAT_VERSIONS.map((v) => ({ v, label: formatHas(v, labelOf, code) ? labelOf(code, v) : undefined })).filter(
    (x) => x.label,
  );
  const distinct = new Set(byVersion.map((x) => x.label));
  if (distinct.size === 1) {
    const only = byVersion.length < FORMAT_VERSIONS.length ? ` (${byVersion.map((x) => x.v).join(', ')} format only)` : '';
    return `${byVersion[0].label}${only}`;
  }
  return byVersion.map((x) => `${x.v}: ${x.label}`).join('; ');
}

/** Whether the code exists in that version (labels fall back to other versions otherwise). */
function formatHas(version: FormatVersion, labelOf: LabelOf, code: string): boolean {
  const spec = formatSpec(version);
  const all = [
    ...spec.sections.map((s) => s.code),
    ...spec.proactiveDisclosure.flatMap((g) => [...g.items, ...g.measures].map((c) => c.code)),
    ...spec.applications.rows.map((r) => r.code),
    ...spec.applications.applicants.map((a) => a.code),
    ...spec.reviewsAndLitigation.groups.map((g) => g.code),
    ...spec.reviewsAndLitigation.outcomes.map((o) => o.code),
  ];
  return all.includes(code) && labelOf(code, version) !== undefined;
}

function codeEnum(name: string, description: string, codes: string[], labelOf: LabelOf) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(codes.map((code) => [code, { value: code, description: describe(code, labelOf) }])),
  });
}

const versionValue = (v: FormatVersion) => `FORMAT_${v}`;
export const FormatVersionEnum = builder.enumType('FormatVersion', {
  description: 'Which official format the report follows. Decided from the table labels, not from the year.',
  values: Object.fromEntries(
    catalog.formats.map((f) => [versionValue(f.version), { value: f.version, description: `${f.notice}; used for report years ${f.usedForReportYears}` }]),
  ) as Record<string, { value: FormatVersion; description: string }>,
});

export const SectionCodeEnum = codeEnum('SectionCode', 'The six parts of an annual report (the official headings).', SECTION_CODES, labels.section);
export const ApplicationRowEnum = codeEnum(
  'ApplicationRow',
  'Rows of table 三 收到和处理政府信息公开申请情况 (25 in the 2021 format, 23 in 2019).',
  APPLICATION_ROW_CODES,
  labels.applicationRow,
);
export const ApplicantColumnEnum = codeEnum(
  'ApplicantColumn',
  'Columns of table 三: the applicant (申请人情况), and 总计.',
  APPLICANT_CODES,
  labels.applicant,
);
export const DisclosureItemEnum = codeEnum(
  'DisclosureItem',
  'Rows of table 二 主动公开政府信息情况 (the 信息内容 of 第二十条).',
  PROACTIVE_ITEM_CODES,
  labels.proactiveItem,
);
export const DisclosureMeasureEnum = codeEnum(
  'DisclosureMeasure',
  'Columns of table 二 (what is counted for each item).',
  PROACTIVE_MEASURE_CODES,
  labels.proactiveMeasure,
);
export const ReviewGroupEnum = codeEnum(
  'ReviewGroup',
  'Groups of table 四 政府信息公开行政复议、行政诉讼情况.',
  REVIEW_GROUP_CODES,
  labels.reviewGroup,
);
export const ReviewOutcomeEnum = codeEnum('ReviewOutcome', 'Columns of each group of table 四.', REVIEW_OUTCOME_CODES, labels.reviewOutcome);

export const SeverityEnum = builder.enumType('Severity', {
  description: 'How serious a finding is.',
  values: {
    ERROR: { value: SEVERITIES[0], description: 'The report breaks a rule of the format (e.g. 一 + 二 ≠ 三 + 四).' },
    WARNING: { value: SEVERITIES[1], description: 'Probably a defect worth correcting (a blank total, text that contradicts the table).' },
    INFO: { value: SEVERITIES[2], description: 'Worth knowing, often legitimate.' },
  },
});
