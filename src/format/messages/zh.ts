/** The findings in Chinese: the default language of the API (its users are agency and oversight staff). */
import { formatSpec, labels, type FormatVersion } from '../catalog.js';
import { cellLabel } from '../cell-labels.js';
import type { EquationSnapshot } from './codes.js';
import { scopeText, sideText, type EquationWords } from './equations.js';
import type { Templates } from './templates.js';

const words: EquationWords = {
  blank: '空白',
  scope: {
    column: (label, code) => `“${label}”列（${code}）`,
    row: (label, code) => `“${label}”行（${code}）`,
    group: (label, code) => `表四“${label}”组（${code}）`,
  },
  otherRowsZero: (n) => `（其余 ${n} 行为 0）`,
};

function why(rule: string, version: FormatVersion): string {
  const spec = formatSpec(version);
  const total = labels.applicant('TOTAL', version);
  if (rule === 'R1') return `表格对每一列都注明了勾稽关系${spec.applications.note}`;
  if (rule === 'R2') return `${total}应等于六类申请人之和`;
  if (rule === 'R3') return `${labels.applicationRow('OUTCOME_TOTAL', version)}应等于各项办理结果之和`;
  return `${total}应等于${spec.reviewsAndLitigation.outcomes.filter((o) => o.code !== 'TOTAL').map((o) => o.label).join(' + ')}`;
}

const equation = (eq: EquationSnapshot, v: FormatVersion) =>
  `${eq.rule}（${scopeText(words, eq.scope, v)}：${sideText(words, eq, eq.left, v)}，对比 ${sideText(words, eq, eq.right, v)}）`;
const because = (reasons: { equation: EquationSnapshot; value: number }[], v: FormatVersion) => reasons.map((r) => `${equation(r.equation, v)}得出 ${r.value}`).join('；');
const names = (cells: string[], v: FormatVersion) => cells.map((c) => `“${cellLabel(c, v)}”`).join('、');
const where = (cell: string, v: FormatVersion) => `“${cellLabel(cell, v)}”（${cell}）`;

const UNREADABLE = {
  COUNT_WITH_DECIMALS: () => '件数不能有小数',
  MALFORMED_NUMBER: () => '不是格式正确的数字',
  NOT_APPLICABLE_MARKER: () => '是“不适用”之类的标记，不是数字',
  NEGATIVE_COUNT: () => '件数列中出现负数',
  UNIT_UNKNOWN: (unit?: string) => `金额以${unit}为单位，但该列没有固定单位`,
  COLUMN_UNKNOWN: () => '这一行印出的数值无法从版面位置确定各自所在的列（有的列整列空白，表头又对不上数值），不作猜测',
  NUMBER_TOO_LARGE: () => '超出可存储的范围（件数最多 2000000000，金额须小于 100000000000000 万元）',
  BEYOND_PRECISION: () => '金额的位数超出可精确保存的范围（最多 6 位小数（以万元计）、15 位有效数字）',
};

export const zh: Templates = {
  EQUATION_FAILS: ({ formatVersion: v, equation: eq, blanksCountedAsZero }) =>
    `${eq.rule} 不成立（${scopeText(words, eq.scope, v)}）：${sideText(words, eq, eq.left, v)}，但 ${sideText(words, eq, eq.right, v)}；${why(eq.rule, v)}。` +
    (blanksCountedAsZero ? '此处空白单元格按 0 计；它们位于较大的一侧，取任何值都不能使两边相等。' : ''),
  BLANK_IMPLIED: ({ formatVersion: v, cell, value, reasons }) =>
    `B1：单元格${where(cell, v)}为空白，但其他单元格要求此处为 ${value}：${because(reasons, v)}。空白不等于零，此处隐含一个非零数字；该值未予填补。`,
  BLANK_DISPUTED: ({ formatVersion: v, cell, reasons }) => `B1：单元格${where(cell, v)}为空白，各等式推算的取值不一致：${because(reasons, v)}。`,
  BLANKS_SHARE_AMOUNT: ({ formatVersion: v, equation: eq, cells, amount }) =>
    `B1：${equation(eq, v)}只有在空白单元格${names(cells, v)}合计为 ${amount} 时才成立；无法判断各自的数值。`,
  BLANKS_STILL_UNBALANCED: ({ formatVersion: v, equation: eq, cells, amount }) =>
    `B1：按推算值填入空白单元格（${names(cells, v)}）后，${equation(eq, v)}仍不成立：相差 ${amount}。`,
  CARRIED_OVER_MISMATCH: (p) =>
    `X1 不成立（“${labels.applicant(p.column, p.formatVersion)}”列，${p.column}）：${p.year} 年“${labels.applicationRow('CARRIED_OVER', p.formatVersion)}”为 ${p.value}，` +
    `但 ${p.previousYear} 年“${labels.applicationRow('CARRIED_FORWARD', p.previousFormatVersion)}”为 ${p.previousValue}；上一年结转下年度的申请，就是下一年的上年结转申请。`,
  IN_FORCE_MISMATCH: (p) => {
    const m = (code: string) => labels.proactiveMeasure(code, p.formatVersion) ?? code;
    return (
      `X2（提示）：${p.year} 年${labels.proactiveItem(p.item, p.formatVersion)}${m('IN_FORCE')}为 ${p.inForce}，但 ` +
      `${p.previousYear} 年${m('IN_FORCE')} ${p.previousInForce} + ${m('ISSUED')} ${p.issued} − ${m('REPEALED')} ${p.repealed} = ${p.expected}；` +
      '文件也常有未经废止而失效或被清理的情况，因此不一定是错误。'
    );
  },
  QUOTED_FIGURE_MISMATCH: (p) =>
    `X3：${p.section}的正文称“${p.quote}”（${p.value}），但表格为 ${p.tables.map((t) => `${t.cells.map((c) => cellLabel(c, p.formatVersion)).join(' + ')} = ${t.value}`).join('，也不是 ')}；` +
    '报告正文引用的数字应与表格一致。',
  YEAR_FROM_FILE_NAME: (p) => `正文中没有统计年度；按文件名 ${p.fileName} 取为 ${p.year} 年`,
  SECTION_HEADING_MISSING: (p) => `第 ${p.number} 部分（${p.title}）没有印出标题；按其表格的开始处作为该部分的开头`,
  SECTION_FIVE_START_INFERRED: (p) => `第五部分（${p.title}）没有印出标题；按表四之后的“${p.start}”作为该部分的开头`,
  CELL_UNREADABLE: (p) => `${p.cell}：印有“${p.printed}”，按空白处理：${UNREADABLE[p.reason](p.unit)}`,
  DISCLOSURE_ROW_SHORT: (p) => `表二 ${p.item} 行有 ${p.columns} 列，只找到 ${p.found} 个数值（“${p.printed}”）；留空`,
  DISCLOSURE_GLUED_UNSPLITTABLE: (p) => `表二 ${p.item}：粘连的数字无法切分为 ${p.columns} 个数；留空`,
  DISCLOSURE_GLUED_UNDECIDED: (p) => `表二 ${p.item}：粘连的数字“${p.digits}”有 ${p.count} 种可能的切分（${p.candidates.join('；')}…），没有规则可以判定；留空`,
  DISCLOSURE_GLUED_CHOSEN: (p) =>
    `表二 ${p.item}：粘连的数字有 ${p.count} 种可能的切分（${p.candidates.join('；')}…）；依据${p.basis === 'NARRATIVE' ? '正文引用的数字' : '合理性（没有印出的规则可以判定）'}选择了 ${p.chosen}`,
  APPLICATIONS_VALUES_BEFORE_LABELS: () => '表三：每行的数值都印在其标签之前（最后一个标签后没有数值，第一个标签前有一整行）；按每个标签与其前面的数值读取',
  APPLICATIONS_STRAY_VALUES: (p) => `表三：${p.row} 行标签之后的零散数值“${p.printed}”已忽略：它们不构成 ${p.columns} 列的任何一行`,
  APPLICATIONS_ROWS_NOT_FOUND: (p) => `表三：找不到 ${p.rows.join('、')} 行的标签（版面可能打乱或拆散了标签）；这些行留空`,
  LABEL_TRUNCATED: (p) => `${p.table}：${p.row} 行的标签只在数值前印出了“${p.printed}”（其余部分被版面移到了别处或没有印出）；目录中只有这一行的标签以此开头，按此行读取`,
  DISCLOSURE_ITEMS_NOT_FOUND: (p) => `表二：找不到 ${p.items.join('、')} 行的标签（版面可能打乱或拆散了标签）；这些行留空`,
  ROWS_WITHOUT_VALUES: (p) => `${p.table}：${p.rows.join('、')} 行的标签之后没有数值，也没有印出空白单元格（数值可能被版面移到了别处）；这些行留空`,
  APPLICATIONS_UNLABELLED_ROWS: (p) =>
    `表三：${p.from ?? '开头'}与${p.to ?? '结尾'}之间有 ${p.rows} 行无标签的数值，但该处有 ${p.free} 个未对应的行；无法判断对应关系，留空`,
  GLUED_UNSOLVABLE: (p) => `${p.table}：粘连的数字无法切分为使 R1–R4 成立的数值；单元格留空`,
  GLUED_SPLIT_CHOSEN: (p) => `${p.table}：粘连的数字有 ${p.count} 种符合 R1–R4 的切分（${p.candidates.join('；')}）；选择了 ${p.chosen}（各数位数最均匀）`,
  REVIEWS_LABELLED_MISSING: (p) => `表四：每行印一个带标签的单元格；${p.total} 个单元格中有 ${p.missing} 个未找到，留空`,
  REVIEWS_CELLS_MISSING: (p) => `表四：只找到 ${p.total} 个单元格中的 ${p.found} 个；其余留空`,
  REVIEWS_REASSEMBLED: () => '表四：单元格未按阅读顺序印出；已按每组总计等于四项结果之和重新组合，并按各组总计出现的位置排序——请与原文核对',
};
