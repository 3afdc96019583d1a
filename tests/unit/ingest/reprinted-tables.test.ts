/**
 * Tables printed as a PDF-to-Markdown copy lays them out and then printed again (A5 paper, LibreOffice),
 * read back by `pdftotext -layout` at several grid pitches (-fixed 3 … 12): each row group a small table
 * under its heading, a header that numbers its columns ("数据1 … 数据6 总计", wrapped "数据" over "1"),
 * cells one space apart or run together, 表四 as one small table per group. Numbers made up; the layouts
 * are those of reports never seen before (docs/unseen-reports.md).
 */
import { describe, expect, it } from 'vitest';
import { readRegion, UNPLACED } from '../../../src/ingest/cells.js';
import { layoutText } from '../../../src/ingest/pdf/layout.js';
import { spacedRuns } from '../../../src/ingest/pdf/text-runs.js';

const read = (lines: string[]) => layoutText(...spacedRuns(lines.join('\n')));
const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('|'));

describe('a header that numbers its columns', () => {
  it('wrapped in narrow cells ("数据" over "1"): the numbers are header, never a row, and the rows keep every cell', () => {
    const text = read([
      '  ### 一、本年新收政府信息公开申请数量',
      '   类别            数据 数据 数据 数据 数据 数据 总',
      '                 1 2 3 4 5 6 计',
      '   本年新收政府信息公开 48 3 0 0 5 0 56',
      '   申请数量',
      '  ### 二、上年结转政府信息公开申请数量',
      '   类别           数据 数据 数据 数据 数据 数据 总',
      '                1 2 3 4 5 6 计',
      '   上年结转政府信息公开 7 0 0 0 0 0 7',
      '   申请数量',
    ]);
    expect(rows(text)).toEqual([
      '| 本年新收政府信息公开申请数量 | 48 | 3 | 0 | 0 | 5 | 0 | 56 |',
      '| 上年结转政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |',
    ]);
  });

  it('on one line ("数据 1   数据 2 …"): a line of header text with each number kept with its word', () => {
    const text = read([
      '### 一、本年新收政府信息公开申请数量',
      '',
      '类别                               数据 1        数据 2         数据 3        数据 4       数据 5        数据 6          总计',
      '',
      '本年新收政府信息公开申请数量                   48          3            0           0          5           0             56',
      '### 二、上年结转政府信息公开申请数量',
      '',
      '类别                               数据 1        数据 2         数据 3        数据 4       数据 5        数据 6          总计',
      '',
      '上年结转政府信息公开申请数量                   7           0            0           0          0           0             7',
    ]);
    expect(text).toContain('类别 数据1 数据2 数据3 数据4 数据5 数据6 总计');
    // the heading under a row is no piece of its label
    expect(rows(text)).toEqual([
      '| 本年新收政府信息公开申请数量 | 48 | 3 | 0 | 0 | 5 | 0 | 56 |',
      '| 上年结转政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |',
    ]);
  });

  it('with its words and numbers run together unevenly ("数据 1 数据", "2", "数据4数据"): still header text (pdftotext -fixed 8)', () => {
    const text = read([
      '       ### 一、本年新收政府信息公开申请数量',
      '',
      '        类别                       数据 1 数据 2  数据 3  数据 4 数据 5  数据 6  总计',
      '',
      '        本年新收政府信息公开申请数量           48  3     0     0    5     0     56',
      '       ### 二、上年结转政府信息公开申请数量',
      '',
      '        类别                       数据 1 数据 2  数据 3  数据 4 数据 5  数据 6  总计',
      '',
      '        上年结转政府信息公开申请数量           7   0     0     0    0     0     7',
    ]);
    expect(rows(text)).toEqual([
      '| 本年新收政府信息公开申请数量 | 48 | 3 | 0 | 0 | 5 | 0 | 56 |',
      '| 上年结转政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |',
    ]);
  });

  it('a number wrapped alone under a header word, going on with the numbering of the header line above ("数据1 数据" over "2"), is header (pdftotext -fixed 12)', () => {
    const text = read([
      '   ### (六) 其他',
      '   类别         数据1 数据',
      '                 2',
      '                    数  数 数 数据 总',
      '                    据3 据4 据5 6计',
      '   1. 申请人无正当理由逾',
      '   期不补正, 行政机关不再',
      '              7  0  0  0 0 0  7',
      '   处理其政府信息公开申请',
    ]);
    // no row of one number taken from the header; the row's own numbers stay its own
    expect(rows(text).filter((r) => / \| 7 \| 0 \| 0 \| 0 \| 0 \| 0 \| 7 \|$/.test(r))).toHaveLength(1);
    expect(rows(text).filter((r) => /\| 2 \|/.test(r))).toEqual([]);
  });

  it('numbers that are a row\'s values stay a row: no text over them, or not 1, 2, 3 … in order', () => {
    const text = read([
      '                     自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
      '一、本年新收政府信息公开申请数量   1   2   3   4   5   6   21',
      '                                1   2   3   4   5   6',
    ]);
    const [first, second] = rows(text);
    expect(first).toBe('| 一、本年新收政府信息公开申请数量 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |');
    // a row of its own (its cells unplaced: nothing says where its blank is), not header text
    expect(second).toBe(`|${` ${UNPLACED}1 2 3 4 5 6 |`.repeat(7)}`);
  });

  it('as text between a label and its row, does not end the table (the parser\'s reading of a region)', () => {
    for (const header of ['类别 数据1 数据2 数据3 数据4 数据5 数据6 总计', '据1 据2 据3 据4 据5 据6 计']) {
      const region = readRegion(`\n\n${header}\n| 予以公开 | 29 | 1 | 0 | 0 | 3 | 0 | 33 |`, 7);
      expect(region.extras.map((r) => r.map((t) => t.raw))).toEqual([['29', '1', '0', '0', '3', '0', '33']]);
    }
  });
});

describe('cells one space apart (pdftotext -layout of a narrow print)', () => {
  it('a row one number short whose label ends with a number (a space after it, or none): that number is its first cell, in reading order', () => {
    const text = read([
      '  ### (三) 不予公开',
      '   类别             数据 数据 数据 数据 数据 数据 总',
      '                  1 2 3 4 5 6 计',
      '   1. 属于国家秘密      0 0 0 0 0 0 0',
      '   2. 其他法律行政法规禁 0 0 0 0 0 0 0',
      '   止公开',
      '   3. 危及“三安全一稳 2 0 0 0 0 0 2',
      '   定”',
      '   4. 保护第三方合法权益 2 0 0 0 0 0 2',
      '   5. 属于三类内部事务信息1  0   0   0  0   0  1',
    ]);
    expect(rows(text)).toEqual([
      '| 1. 属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '| 2. 其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '| 3. 危及“三安全一稳定” | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
      '| 4. 保护第三方合法权益 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
      '| 5. 属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
    ]);
  });
});

describe('small tables under headings marked as Markdown', () => {
  it('表二\'s article headings (### 第二十条第（五）项) end the table above: its own columns are its own', () => {
    const text = read([
      '  ### 第二十条第（一）项',
      '   信息内容 本年制发件数 本年废止件数 现行有效件数',
      '   规章      0       0       0',
      '   行政规范性文件 6 1 32',
      '  ### 第二十条第（五）项',
      '   信息内容 本年处理决定数量',
      '   行政许可 5176',
    ]);
    expect(rows(text)).toEqual(['| 规章 | 0 | 0 | 0 |', '| 行政规范性文件 | 6 | 1 | 32 |']);
    expect(text).toContain('行政许可 5176');
  });

  it('表四 as one small table per group: the outcomes are the columns', () => {
    const text = read([
      '  ## 四、政府信息公开行政复议、行政诉讼情况',
      '  ### 行政复议',
      '   结果维持 结果纠正 其他结果 尚未审结 总计',
      '   27       10       9    15     61',
      '  ### 行政诉讼(未经复议直接起诉)',
      '   结果维持 结果纠正 其他结果 尚未审结 总计',
      '   3        0        0    0      3',
      '  ### 行政诉讼(复议后起诉)',
      '   结果维持 结果纠正 其他结果 尚未审结 总计',
      '   8        0        1    1      10',
    ]);
    expect(rows(text)).toEqual(['| 27 | 10 | 9 | 15 | 61 |', '| 3 | 0 | 0 | 0 | 3 |', '| 8 | 0 | 1 | 1 | 10 |']);
  });

  it('表四 printed whole under its groups keeps its fifteen columns (here its header does not line up: every cell unplaced, none guessed)', () => {
    const text = read([
      '               行政复议                               行政诉讼',
      '                                         未经复议直接起诉                 复议后起诉',
      '结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计',
      '   1        2        3        4       10      0        0        0        0       0       1        0                 0       1',
    ]);
    const values = rows(text).at(-1)!;
    expect(values.split('|').length - 2).toBe(15);
    expect(values).toContain(`| ${UNPLACED}1 2 3 4 10 0 0 0 0 0 1 0 0 1 |`);
  });

  it('a header too garbled to name each outcome once (pdftotext -fixed 12 of an A5 print of 16) is no small table of five: the row stays unplaced', () => {
    const text = read([
      '   四、政府信息公开行政复议、行政诉讼情况',
      '   行政复 行政诉',
      '   议  讼',
      '   结果维 结果纠 其他结 尚未审 总 未经复议直接起 复议后起',
      '   持  正  果 结  计 诉   诉',
      '   结果维 结果纠 其他结 尚未审 总 结果维持',
      '                    结果纠正 其他结',
      '                          尚未审 总',
      '   持  正  果 结  计         果 结  计',
      '   5       2  78          1  9',
    ]);
    expect(rows(text).at(-1)!.split('|').length - 2).toBe(15);
  });
});

describe('a heading a Markdown copy marks (### …) under a row', () => {
  it('heads the small table after it, never continues the label of the row above (pdftotext -fixed 3 of an A5 print, a page break between)', () => {
    const text = read([
      "            类别                                         数据         数据         数据         数据        数据         数据         总",
      "                                                       1          2          3          4         5          6          计",
      "            上年结转政府信息公开                                 7          0          0          0         0          0          7 ",
      "            申请数量",
      "           ### 三、本年度办理结果",
      "           ### (一) 予以公开",
      "            类别                   数据1           数据2           数据3           数据4           数据5           数据6            总计",
      "            予以公开                 29            1             0             0             3             0              33 ",
      "           ### (二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)",
      "",
      "        file:///tmp/report.a5.html                                                                       6/10",
      "\f        12/6/26, 6:29 PM                                             report",
      "",
      "",
      "            类别                                                 数        数         数        数         数        数         总",
      "                                                               据1       据2        据3       据4        据5       据6        计",
      "            部分公开 (区分处理的, 只计                                    9        0         0        0         2        0         11 ",
      "            这一情形, 不计其他情形)",
    ]);
    expect(rows(text)).toContain('| 予以公开 | 29 | 1 | 0 | 0 | 3 | 0 | 33 |');
    expect(text).toContain('### (二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)');
  });
});

describe('a grid so coarse that cells run together (pdftotext -layout -fixed 12 of a LibreOffice print)', () => {
  it('a row holding a number that starts with 0 ("00", "01") is cells glued, whatever its width: the parser cuts it by the sums, never the positions', () => {
    const text = read([
      "     等于第三项加第四项之和)         自然人    商业   科研   总计",
      "     ## 表三:收到和处理政府信息公开申请情况",
      "",
      "     一、本年新收政府信息公开申请数量        125936 0 0 0 01295",
      "",
      "     二、上年结转政府信息公开申请数量        170 15 0 0 4 0189",
      "",
      "     (一)予以公开                 201 5  0 0 0 0206",
      "     (二)部分公开(区分处理的,只计这一情",
      "",
      "     形,不计其他情形)",
      "",
      "                                   2 0 00 00  2",
      "",
      "     1.属于国家秘密        4             0 0 00 04",
      "",
      "     2.其他法律行政法规禁止公开  0             0 0 00 00",
      "",
      "     3.危及“三安全一稳定”    1             0 0 00 01",
      "",
      "     (三)不            4.保护第三方合法权益   0 0 00 00  0",
      "",
      "     予公开             5.属于三类内部事务信息  7 0 00 10  8",
      "",
      "     6.属于四类过程性信息     1             0 0 00 01",
      "",
      "     7.属于行政执法案卷      0             0 0 00 00",
      "",
      "     8.属于行政查询事项      5             0 0 00 05",
    ]);
    expect(rows(text)).toContain('| 予公开 | 5.属于三类内部事务信息 | 7 | 0 | 00 | 10 | 8 |');
  });

  it('glued digits after a torn piece of a label are a row of their own, placed (or named) like any other', () => {
    const region = readRegion('\n| (三)公开 | 0 | 0 | 0 | 0000 |', 7);
    expect(region.extras.map((r) => r.map((t) => t.raw))).toEqual([['0', '0', '0', '0000']]);
    expect(region.fragments.get(0)).toBe('(三)公开');
  });

  it('a row whose glued digits fill its cells takes nothing from the row under it; what it leaves is named, not dropped', () => {
    const region = readRegion(' | 1 | 0 | 00 | 0 | 0 | 1 |\n\n| 0 | 0 | 00 | 0 | 0 | 0 |', 7);
    expect(region.first.map((t) => t.raw)).toEqual(['1', '0', '00', '0', '0', '1']);
    expect(region.stray.map((t) => t.raw)).toEqual(['0', '0', '00', '0', '0', '0']);
    // nor does it become debris when a row after a torn label follows
    const before = readRegion(' | 1 | 0 | 00 | 0 | 0 | 1 |\n\n| 行政机关不再处理其政府信息公 | 40 | 1 | 00 | 2 | 0 | 43 |', 7);
    expect(before.first.map((t) => t.raw)).toEqual(['1', '0', '00', '0', '0', '1']);
    expect(before.extras.map((r) => r.map((t) => t.raw))).toEqual([['40', '1', '00', '2', '0', '43']]);
  });
});

describe('a column blank in every row, and a number glued to the end of a label (pdftotext -layout -fixed 12 of a department\'s page)', () => {
  /** A line with each text set at its column (pdftotext -layout keeps a character per column). */
  const at = (...cells: [number, string][]) => cells.reduce((line, [col, text]) => line.padEnd(col) + text, '');
  const COLUMNS = [40, 48, 56, 64, 72, 80, 88];
  const HEADER = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

  it('the number is the first column\'s cell when the row leaves that column blank, however many blank columns follow', () => {
    const text = read([
      at(...HEADER.map((t, i): [number, string] => [COLUMNS[i], t])),
      at([0, '一、本年新收政府信息公开申请数量'], [41, '17'], [89, '17']),
      '',
      at([0, '（三）不予公开  1.属于国家秘密'], [41, '0'], [89, '0']),
      '',
      at([16, '2. 其他法律行政法0'], [89, '0']),
      at([16, '规禁止公开']),
    ]);
    expect(rows(text)).toEqual([
      '| 一、本年新收政府信息公开申请数量 | 17 |  |  |  |  |  | 17 |',
      '| （三）不予公开 | 1.属于国家秘密 | 0 |  |  |  |  |  | 0 |',
      '| 2. 其他法律行政法规禁止公开 | 0 |  |  |  |  |  | 0 |',
    ]);
  });

  it('a longer number before several blank columns may be two cells run together ("310" for 31 and 0): those cells are unplaced, not guessed (the 28 site page, A5, -fixed 12)', () => {
    const text = read([
      "   一项加第二项之和，等于第三 自然 法人或其他组织   总计",
      "   项加第四项之和）     人  商 科 社 法 其",
      "                   业 研 会 律 他",
      "                       公 服",
      "                       益 务",
      "  file:///tmp/28.a5.html",
      "                               5/11",
      "\f          平潭综合实验区2023年度政府信息公开工作年度报告_政府信息公开年报_…",
      "  12/6/26, 6:00 PM",
      "",
      "                   企 机 组  机",
      "                   业 构 织  构",
      "   一、本年新收政府信息公开申",
      "   请数量          80 1 0 0 0  0 81",
      "",
      "   二、上年结转政府信息公开申",
      "   请数量          0  0 0 0 0  0 0",
      "",
      "   三、 （一）予以公开   22 0 0 0 0  0 22",
      "   本年 （二）部分公开（区分",
      "   度办 处理的，只计这一情 19 1 0 0 0  0 20",
      "   理结 形，不计其他情形）",
      "   果      1.属于国家秘",
      "          密     0  0 0 0 0  0 0",
      "",
      "          2.其他法律行",
      "          政法规禁止公 0 0 0 0 0  0 0",
      "          开",
      "          3.危及“三安",
      "          全一稳定” 0  0 0 0 0  0 0",
      "",
      "      （三） 4.保护第三方",
      "      不予公 合法权益  1  0 0 0 0  0 1",
      "",
      "      开   5.属于三类内",
      "          部事务信息 0  0 0 0 0  0 0",
      "",
      "          6.属于四类过",
      "          程性信息  1  0 0 0 0  0 1",
      "",
      "          7.属于行政执",
      "          法案卷   1  0 0 0 0  0 1",
      "",
      "          8.属于行政查",
      "          询事项   2  0 0 0 0  0 2",
      "",
      "      （四） 1.本机关不掌",
      "      无法提 握相关政府信 310 0 0 0  0 31",
      "      供   息",
      "          2.没有现成信",
      "          息需要另行制 0 0 0 0 0  0 0",
    ]);
    expect(rows(text).find((r) => r.includes('本机关不掌握'))).toBe(`| 不予公（四）无法提供 | 1.本机关不掌握相关政府信息 | ${UNPLACED}310 | ${UNPLACED}310 | 0 | 0 | 0 | 0 | 31 |`);
  });
});

describe('a unit printed apart from its number (pdftotext -layout -fixed 2 of a LibreOffice print of 16)', () => {
  it('is that number\'s, not a cell of its own: the amount is read in its unit, or named when the column has none', () => {
    const text = read([
      '                             信息内容                                                          采购项目数量                                      采购总金额',
      '',
      '                             政府集中采购                                                        6                                           251000                  元',
    ]);
    expect(rows(text)).toContain('| 政府集中采购 | 6 | 251000元 |');
  });
});
