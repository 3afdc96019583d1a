/**
 * Short labels for charts, legends and narrow tables, next to the official ones. The catalog has
 * none, so they are written here once, keyed by catalog code; a code whose official label is already
 * short uses it as is. tests/unit/format/short-labels.test.ts checks every code has one, and that
 * no key here is missing from the catalog.
 */
import { APPLICANT_CODES, APPLICATION_ROW_CODES, PROACTIVE_ITEM_CODES, PROACTIVE_MEASURE_CODES, REVIEW_GROUP_CODES, REVIEW_OUTCOME_CODES, labels } from './catalog.js';

/** The longest short label, in characters. */
export const SHORT_LABEL_MAX = 8;

export const SHORT_LABEL_TABLE = {
  applicationRow: {
    NEW_RECEIVED: '新收申请',
    CARRIED_OVER: '上年结转',
    DISCLOSED: '予以公开',
    PARTIALLY_DISCLOSED: '部分公开',
    WITHHELD_STATE_SECRET: '国家秘密',
    WITHHELD_PROHIBITED_BY_LAW: '法律禁止公开',
    WITHHELD_SECURITY_STABILITY: '危及三安全一稳定',
    WITHHELD_THIRD_PARTY_RIGHTS: '第三方权益',
    WITHHELD_INTERNAL_AFFAIRS: '内部事务信息',
    WITHHELD_PROCESS_INFORMATION: '过程性信息',
    WITHHELD_ENFORCEMENT_FILES: '行政执法案卷',
    WITHHELD_QUERY_MATTERS: '行政查询事项',
    UNAVAILABLE_NOT_HELD: '本机关不掌握',
    UNAVAILABLE_NEEDS_CREATION: '需另行制作',
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: '补正后仍不明确',
    NOT_PROCESSED_PETITION: '信访举报投诉',
    NOT_PROCESSED_DUPLICATE: '重复申请',
    NOT_PROCESSED_PUBLICATION: '公开出版物',
    NOT_PROCESSED_EXCESSIVE: '大量反复申请',
    NOT_PROCESSED_CONFIRMATION: '要求确认信息',
    OTHER_NO_CORRECTION: '逾期不补正',
    OTHER_FEE_UNPAID: '逾期未缴费',
    OTHER_HANDLING: '其他处理',
    OUTCOME_TOTAL: '办理结果总计',
    CARRIED_FORWARD: '结转下年度',
  },
  applicant: {} as Record<string, string>,
  proactiveItem: {
    NORMATIVE_DOCUMENTS: '规范性文件',
    OTHER_EXTERNAL_SERVICES: '其他管理服务',
    CENTRALIZED_PROCUREMENT: '集中采购',
  },
  proactiveMeasure: {
    ISSUED: '制发',
    REPEALED: '废止',
    IN_FORCE: '现行有效',
    DECISIONS: '处理决定',
    FEE_AMOUNT: '收费金额（万元）',
    NEWLY_MADE: '新制作',
    NEWLY_PUBLISHED: '新公开',
    TOTAL_PUBLISHED: '公开总数',
    PREVIOUS_YEAR_ITEMS: '上年项目数',
    CHANGE: '增减',
    PROCUREMENT_ITEMS: '采购项目数',
    PROCUREMENT_AMOUNT: '采购金额',
  },
  reviewGroup: {
    LITIGATION_WITHOUT_REVIEW: '直接起诉',
    LITIGATION_AFTER_REVIEW: '复议后起诉',
  },
  reviewOutcome: {} as Record<string, string>,
};

export type ShortLabelDimension = keyof typeof SHORT_LABEL_TABLE;

/** Every code of each dimension, for the checks and for pickers. */
export const SHORT_LABEL_CODES: Record<ShortLabelDimension, readonly string[]> = {
  applicationRow: APPLICATION_ROW_CODES,
  applicant: APPLICANT_CODES,
  proactiveItem: PROACTIVE_ITEM_CODES,
  proactiveMeasure: PROACTIVE_MEASURE_CODES,
  reviewGroup: REVIEW_GROUP_CODES,
  reviewOutcome: REVIEW_OUTCOME_CODES,
};

/** The short label of a code: the table's, else the official label (already short), else the code. */
export function shortLabel(dimension: ShortLabelDimension, code: string): string {
  return (SHORT_LABEL_TABLE[dimension] as Record<string, string>)[code] ?? labels[dimension](code) ?? code;
}
