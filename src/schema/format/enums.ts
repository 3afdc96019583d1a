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
  FINDING_CODES,
  PARSER_RULES,
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

const PARSER_RULE_DESCRIPTIONS: Record<(typeof PARSER_RULES)[number], string> = {
  PARSE: 'The parser: something printed could not be read as it is (a cell, a heading, a row), and what it did instead.',
  SPLIT: 'The parser: digits printed glued together were split into cells, and on what basis.',
};

export const FindingRuleEnum = builder.enumType('FindingRule', {
  description: 'The rule a finding reports on: a check of the format (catalog rules R1–R4, B1, X1–X3) or the parser.',
  values: Object.fromEntries([
    ...catalog.rules.map((r) => [r.code, { value: r.code, description: `${r.text} (${r.official ? 'printed on the form' : 'derived'}; ${r.severity})` }]),
    ...PARSER_RULES.map((r) => [r, { value: r, description: PARSER_RULE_DESCRIPTIONS[r] }]),
  ]) as Record<string, { value: string; description: string }>,
});

const FINDING_CODE_DESCRIPTIONS: Record<(typeof FINDING_CODES)[number], string> = {
  EQUATION_FAILS: 'R1–R4: an equation of the tables does not balance.',
  BLANK_IMPLIED: 'B1: a blank cell whose value the equations determine (a hidden non-zero figure).',
  BLANK_DISPUTED: 'B1: a blank cell on whose value the equations disagree.',
  BLANKS_SHARE_AMOUNT: 'B1: several blank cells must together hold an amount.',
  BLANKS_STILL_UNBALANCED: 'B1: an equation does not balance even with the values implied for its blank cells.',
  CARRIED_OVER_MISMATCH: 'X1: 上年结转 of this year differs from 结转下年度 of last year.',
  IN_FORCE_MISMATCH: 'X2: 现行有效件数 does not follow from last year’s plus 制发 minus 废止.',
  QUOTED_FIGURE_MISMATCH: 'X3: a figure quoted in the text differs from the tables.',
  YEAR_FROM_FILE_NAME: 'The statistical year was taken from the file name.',
  SECTION_HEADING_MISSING: 'A part has no printed heading; it starts where its table does.',
  SECTION_FIVE_START_INFERRED: 'Part 五 has no printed heading; its start was inferred.',
  CELL_UNREADABLE: 'A printed value could not be read as a number and was kept blank.',
  DISCLOSURE_ROW_SHORT: 'A row of 表二 has fewer values than columns; left blank.',
  DISCLOSURE_GLUED_UNSPLITTABLE: 'Glued digits of 表二 cannot be cut into the row’s columns; left blank.',
  DISCLOSURE_GLUED_UNDECIDED: 'Glued digits of 表二 have several splits and nothing decides; left blank.',
  DISCLOSURE_GLUED_CHOSEN: 'Glued digits of 表二 were split, and on what basis.',
  APPLICATIONS_VALUES_BEFORE_LABELS: '表三 prints every row’s values before its label.',
  APPLICATIONS_STRAY_VALUES: 'Stray values after a 表三 label were ignored.',
  APPLICATIONS_UNLABELLED_ROWS: 'Rows of 表三 values without labels could not be placed; left blank.',
  APPLICATIONS_ROWS_NOT_FOUND: 'Rows of 表三 whose labels were not found in the table; left blank.',
  LABEL_TRUNCATED: 'A row was found by the start of its label only (the rest printed elsewhere or not at all).',
  DISCLOSURE_ITEMS_NOT_FOUND: 'Rows of 表二 whose labels were not found in the table; left blank.',
  ROWS_WITHOUT_VALUES: 'Rows of 表二 or 表三 whose label is followed by no value and no empty cell; left blank.',
  GLUED_UNSOLVABLE: 'Glued digits could not be split so that R1–R4 hold; left blank.',
  GLUED_SPLIT_CHOSEN: 'Glued digits had several splits allowed by R1–R4; one was chosen.',
  REVIEWS_LABELLED_MISSING: '表四 printed labelled cells; some were not found.',
  REVIEWS_CELLS_MISSING: '表四 has fewer cells than the format; the rest left blank.',
  REVIEWS_REASSEMBLED: '表四 cells were printed out of reading order and reassembled.',
};

export const FindingCodeEnum = builder.enumType('FindingCode', {
  description: 'What a finding found, as a stable code: its `params` carry the particulars, its `message` says it in words.',
  values: Object.fromEntries(FINDING_CODES.map((c) => [c, { value: c, description: FINDING_CODE_DESCRIPTIONS[c] }])) as Record<string, { value: string; description: string }>,
});
