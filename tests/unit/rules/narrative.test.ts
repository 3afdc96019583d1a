/**
 * X3 on real narrative text: the sentences below are cut verbatim (hard wraps included) from the corpus .txt
 * files, so these tests do not depend on the parser. The table values are the corpus expected.json values.
 */
import { describe, expect, it } from 'vitest';
import { english } from '../support/findings.js';
import { checkReport } from '../../../src/rules/index.js';
import { quotedFigures } from '../../../src/rules/narrative.js';
import type { InterchangeReport } from '../../../src/format/interchange.js';
import { copy, corpusReport, section } from './support.js';

const withText = (prefix: string, ...bodies: string[]): InterchangeReport => ({
  ...copy(corpusReport(prefix)),
  sections: bodies.map((b, i) => section(b, i + 1)),
});
const x3 = (r: InterchangeReport) => checkReport(r).filter((f) => f.rule === 'X3');
const figures = (r: InterchangeReport) => quotedFigures(r).map((c) => c.value);

const TEXT = {
  '01': [
    '年内累计受理信息公开申请34件，按时答复率100%；由依申请公开引起的行政复议4件，驳回1件，终止3件，未引发行政诉讼行为。',
    '截至目前，依托区政府网站文件集中发布平台累计公开规范性文件13件，尚余有效规范性文件7件。',
  ],
  '02': ['全年办理政府信息公开申请218件。'],
  '04': [
    '2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。',
    '按照省政府办公厅相关工作要求设立规范性文件库，清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。',
  ],
  '05': ['2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。'],
  '06': ['本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。'],
  '11': [
    '好环境。2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为\n0 件。',
    '全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。所有办结的信息公开\n申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2\n件，无法提供的 10 件，不予处理 0 件，其他处理 14 件，转下一\n年度办理答复的有 1 件。',
  ],
  '13': [
    '和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。',
  ],
  '16': [
    '</p><p>市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录，维护了市政府依法行政、公开透明的良好形象。',
  ],
};

describe('X3: matching narratives stay quiet, and the figures were really read', () => {
  it('01: 受理34件, 行政复议4件, 尚余有效规范性文件7件', () => {
    const r = withText('01', ...TEXT['01']);
    expect(figures(r)).toEqual([34, 4, 7]);
    expect(checkReport(r)).toEqual([]);
  });
  it('13: 受理3119, 答复3050 含上年结转34, 顺延103, 复议351, 诉讼46 (PDF hard wraps)', () => {
    const r = withText('13', ...TEXT['13']);
    expect(figures(r).sort((a, b) => a - b)).toEqual([34, 46, 103, 351, 3050, 3119]);
    expect(x3(r)).toEqual([]);
  });
  it('06: 收到70, 办结69, 结转1', () => {
    const r = withText('06', ...TEXT['06']);
    expect(figures(r)).toEqual([70, 69, 1]);
    expect(x3(r)).toEqual([]);
  });
  it('05: 收到75 = 新收74 + 上年结转1 (either reading of 收到 is accepted)', () => {
    const r = withText('05', ...TEXT['05']);
    expect(figures(r)).toEqual([75]);
    expect(x3(r)).toEqual([]);
  });
  it('02: 办理218 (intake or outcome)', () => {
    expect(x3(withText('02', ...TEXT['02']))).toEqual([]);
  });
  it('11: the whole breakdown matches; 转下一年度1 is compared with the B1-implied blank 总计', () => {
    const r = withText('11', ...TEXT['11']);
    expect(figures(r)).toEqual(expect.arrayContaining([1, 0, 34, 2, 9, 0, 2, 10, 0, 14, 1]));
    expect(x3(r)).toEqual([]);
    r.applications.CARRIED_FORWARD.NATURAL_PERSON = 2; // now the blank 总计 would be 2, not the quoted 1
    r.applications.CARRIED_FORWARD.TOTAL = 2;
    expect(x3(r).map((f) => [f.expected, f.actual])).toEqual([[2, 1]]);
  });
});

describe('X3: real mismatches from the corpus', () => {
  it('16: 予以公开及部分公开258 vs 275 and 无法提供265 vs 337, the rest matches', () => {
    const found = x3(withText('16', ...TEXT['16']));
    expect(found.map((f) => [f.expected, f.actual, f.severity])).toEqual([
      [275, 258, 'WARNING'],
      [337, 265, 'WARNING'],
    ]);
    expect(english(found[0])).toContain('予以公开及部分公开258件');
    expect(found[0].cells).toEqual(['applications.DISCLOSED.TOTAL', 'applications.PARTIALLY_DISCLOSED.TOTAL']);
    expect(english(found[1])).toContain('无法提供265件');
  });
  it('04: the application breakdown matches, 现行有效行政规范性文件393 does not (table 470)', () => {
    const found = x3(withText('04', ...TEXT['04']));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ expected: 470, actual: 393, cells: ['proactiveDisclosure.NORMATIVE_DOCUMENTS.IN_FORCE'] });
    expect(english(found[0])).toContain('现行有效行政规范性文件393件');
  });
  it('18: 受理2件 while 表三 新收 is 3 (table values from the excerpt)', () => {
    const r = copy(corpusReport('01'));
    r.year = 2023;
    r.applications.NEW_RECEIVED.NATURAL_PERSON = 3;
    r.applications.NEW_RECEIVED.TOTAL = 3;
    r.sections = [section('(二)依申请公开工作情况。我局高度重视依申请公开事项的答复。本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。')];
    const found = x3(r);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'X3', expected: 3, actual: 2, cells: ['applications.NEW_RECEIVED.TOTAL', 'applications.CARRIED_OVER.TOTAL'] });
    expect(english(found[0])).toContain('共受理政府信息公开申请2件');
    expect(english(found[0])).toContain('一、本年新收政府信息公开申请数量 / 总计 = 3');
  });
  it('tampered tables make the matching corpus sentences fail: 13 复议 and 诉讼, 06 办结 and 结转', () => {
    const r13 = withText('13', ...TEXT['13']);
    r13.reviewsAndLitigation.ADMINISTRATIVE_REVIEW.TOTAL = 350;
    r13.reviewsAndLitigation.LITIGATION_AFTER_REVIEW.TOTAL = 21;
    expect(x3(r13).map((f) => [f.expected, f.actual])).toEqual([[350, 351], [47, 46]]);
    const r06 = withText('06', ...TEXT['06']);
    r06.applications.OUTCOME_TOTAL.TOTAL = 68;
    r06.applications.CARRIED_FORWARD.TOTAL = 2;
    expect(x3(r06).map((f) => [f.expected, f.actual])).toEqual([[68, 69], [2, 1]]);
  });
});

describe('X3 stays conservative', () => {
  const r = () => copy(corpusReport('01'));
  it('ignores other years, subsets, cumulative figures, and counts without 件', () => {
    const report = r();
    report.sections = [
      section('2023年共受理政府信息公开申请50件。较上年受理申请40件有所下降。历年累计受理申请900件。其中行政复议1件。受理申请34份，行政复议率为0。'),
    ];
    expect(quotedFigures(report)).toEqual([]);
  });
  it('does not take 受理行政复议申请 or 主动公开 for applications', () => {
    const report = r();
    report.sections = [section('受理群众咨询和投诉申请12件。主动公开规范性文件3件，主动予以公开信息1200件。')];
    expect(x3(report)).toEqual([]);
  });
  it('reads small Chinese numerals', () => {
    const report = r();
    report.sections = [section('本年度共受理政府信息公开申请三十四件，行政复议五件。')];
    expect(x3(report).map((f) => [f.expected, f.actual])).toEqual([[4, 5]]);
  });
  it('never crashes on odd input', () => {
    const report = r();
    for (const body of ['', '件件件', '申请件', '受理申请99999999999999999999件', '\u0000<<<>>>', '行政复议' + '1'.repeat(5000) + '件']) {
      report.sections = [section(body)];
      expect(() => checkReport(report)).not.toThrow();
    }
    report.sections = [{ number: 1, code: 'OVERVIEW', title: '总体情况', body: null as unknown as string }];
    expect(() => checkReport(report)).not.toThrow();
    expect(() => checkReport({ ...report, sections: undefined as unknown as [] })).not.toThrow();
  });
  it('takes a sum with blank cells as a lower bound: quiet while the blanks may hold the rest, a mismatch once it exceeds the figure', () => {
    const report = withText('04', TEXT['04'][0]);
    expect(x3(report)).toEqual([]);
    // 不予公开5件: two of its rows lost by a parser (two rows blank: no equation implies them)
    const withheld = Object.entries(report.applications).filter(([code]) => code.startsWith('WITHHELD_'));
    const printed = withheld.filter(([, row]) => row.TOTAL);
    expect(printed.map(([, row]) => row.TOTAL).reduce((a, b) => a! + b!, 0)).toBe(5);
    for (const [, row] of printed.slice(0, 2)) for (const c of Object.keys(row)) row[c as keyof typeof row] = null;
    expect(x3(report)).toEqual([]);
    const zero = withheld.find(([, row]) => row.TOTAL === 0)![1];
    zero.NATURAL_PERSON = 9;
    zero.TOTAL = 9;
    expect(x3(report).map((f) => [f.actual, f.cells.length])).toEqual([[5, 8]]);
  });
  it('does not compare a figure whose table cells are all blank', () => {
    const report = withText('16', '其他处理0件。行政复议7件，诉讼9件。');
    report.applications.NEW_RECEIVED.TOTAL = 859;
    expect(x3(report)).toEqual([]);
  });
});
