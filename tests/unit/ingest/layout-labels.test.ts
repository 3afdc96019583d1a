/**
 * Row labels of `pdftotext -layout` text, read by the PDF reader's geometry: a tall cell's label
 * wraps far above and below its values, its number may stand apart from its text, label columns
 * drift by a character from line to line and page to page, and each page sets its own columns.
 * Excerpts of the 28 site print and the 01 Chromium print (tests/fixtures/documents).
 */
import { describe, expect, it } from 'vitest';
import { UNPLACED } from '../../../src/ingest/cells.js';
import { layoutText } from '../../../src/ingest/pdf/layout.js';
import { spacedRuns } from '../../../src/ingest/pdf/text-runs.js';

const read = (lines: string[]) => layoutText(...spacedRuns(lines.join('\n')));
const rowOf = (text: string, label: string) => text.split('\n').find((l) => l.includes(label));

/** 表三's header and two rows of the 28 site print. */
const SITE_HEAD = [
  '                        自然人 法人或其他组织       总计',
  '                            商业 科研 社会 法律',
  '                                  公益 服务 其他',
  '                            企业 机构 组织 机构',
  '一、本年新收政府信息公开申请数量       80   1   0   0   0   0   81',
  '',
  '',
  '二、上年结转政府信息公开申请数量       0    0   0   0   0   0   0',
  '',
];

describe('pdftotext -layout: a tall cell\'s label (28 site print)', () => {
  const text = read([
    ...SITE_HEAD,
    // a page of its own, whose columns sit two characters left of the page above
    '\f       1.  信访举报投诉类申请 0    0   0   0   0   0   0',
    '',
    '',
    '       2.  重复申请      1    0   0   0   0   0   1',
    '',
    '',
    '   （五） 3.要求提供公开出版物 0      0   0   0   0   0   0',
    '   不予处',
    '   理   4.无正当理由大量反复',
    '       申请          0      0   0   0   0   0   0',
    '',
    '',
    '',
    '        申请人无正当理由逾',
    '       1.',
    '       期不补正、行政机关不 1',
    '       再处理其政府信息公开         0   0   0   0   0   1',
    '',
    '       申请',
    '   （六）',
    '   其他处 2.申请人逾期未按收费',
    '   理   通知要求缴纳费用、行 0',
    '       政机关不再处理其政府         0   0   0   0   0   0',
    '',
    '       信息公开申请',
    '       3.  其他        1    0   0   0   0   0   1',
    '',
    '',
    '   （七）总计             80   1   0   0   0   0   81',
  ]);

  it('a row number set apart from its text is one label with it, not a group label', () => {
    expect(rowOf(text, '信访举报')).toBe('| （五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(rowOf(text, '重复申请')).toBe('| 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('lines far above the values join the row of the line under them; its number leads the label', () => {
    expect(rowOf(text, '逾期不补正')).toBe('| （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('a line under a cell, over a row whose numbered label starts its own cell, ends the cell above', () => {
    expect(rowOf(text, '逾期未按收费')).toBe('| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(rowOf(text, '其他 |')).toBe('| 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('a label split by a page break continues the last label of its column, though that column moved by a character', () => {
    const split = read([
      ...SITE_HEAD,
      '        8.属于行政查询事项     2    0   0   0   0   0   2',
      '',
      '',
      '   （四） 1.本机关不掌握相关政 31',
      '   无法提 府信息                  0   0   0   0   0   31',
      '',
      '   供\f        没有现成信息需要另 0',
      '       2.',
      '       行制作                0   0   0   0   0   0',
      '',
      '',
      '        1.  信访举报投诉类申请 0    0   0   0   0   0   0',
    ]);
    expect(rowOf(split, '查询事项')).toBe('| 8.属于行政查询事项 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |');
    expect(rowOf(split, '行制作')).toBe('| 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('with no page break (pdftotext -nopgbrk), a row not printed full takes the columns of the full row next to it that its values fit', () => {
    const lines = [
      ...SITE_HEAD,
      '        8.属于行政查询事项     2    0   0   0   0   0   2',
      '',
      '',
      '   （四） 1.本机关不掌握相关政 31',
      '   无法提 府信息                  0   0   0   0   0   31',
      '',
      '   供',
      '        没有现成信息需要另 0',
      '       2.',
      '       行制作                0   0   0   0   0   0',
      '',
      '',
      '       1.  信访举报投诉类申请 0    0   0   0   0   0   0',
    ];
    const text = read(lines);
    expect(rowOf(text, '本机关')).toBe('| （四）无法提供 | 1.本机关不掌握相关政府信息 | 31 | 0 | 0 | 0 | 0 | 0 | 31 |');
    expect(rowOf(text, '行制作')).toBe('| 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('the label of a row that took a line from above ends at the row\'s own line, so the next page continues no earlier line (pdftotext -layout -fixed 8)', () => {
    const split = read([
      '                                   自然人 法人或其他组织                 总计',
      '                                         商业  科研   社会  法律',
      '                                                  公益  服务   其他',
      '                                         企业  机构   组织  机构',
      '       一、本年新收政府信息公开申请数量            80    1   0    0   0    0   81',
      '',
      '',
      '                    属于行政查询事项',
      '                   8.              2     0   0    0   0    0   2',
      '',
      '',
      '            （四）    1.本机关不掌握相关政',
      '            无法提    府信息             31    0   0    0   0    0   31',
      '',
      '            供\f                    没有现成信息需要另',
      '                   2.',
      '                   行制作              0    0   0    0   0    0   0',
    ]);
    expect(rowOf(split, '本机关')).toBe('| （四）无法提供 | 1.本机关不掌握相关政府信息 | 31 | 0 | 0 | 0 | 0 | 0 | 31 |');
    expect(rowOf(split, '行制作')).toBe('| 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });
});

describe('pdftotext -layout: label cells on a row\'s own line', () => {
  it('a row printed with its group labels beside its own keeps them all, though no run of rows takes them as a group', () => {
    const text = read(['三、本年度办理结果    （三）不予公开    1.属于国家秘密      0    0   0   0   0   0   0']);
    expect(rowOf(text, '国家秘密')).toBe('| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });
});

describe('pdftotext -layout: a page that sets its own columns (01 Chromium print)', () => {
  const page = (lastRow: string) => [
    '                  自然人 法人或其他组织                                                     总计',
    '                                                    商业企业                          科研 社会 法律',
    '   一、本年新收政府信息公开申请数量                     34                                       0   0   0 0 0 34',
    '   二、上年结转政府信息公开申请数量                     0                                        0   0   0000',
    '                 (七)总计                  33                                       0   0   0 0 0 33',
    '\f12/6/26, 9:46 AM                                            01_shanting_zaozhuang_2024',
    '',
    lastRow,
    '  四、因政府信息公开工作被申请行政复议、提起行政诉讼情况统计表',
    '   行政复议                                                        行政诉讼',
  ];

  it('glued zeros that fill the table\'s width need no positions; the heading and 表四\'s header under the row are not its label', () => {
    const text = read(page('   四、结转下年度继续办理                                                                        1       0        0       0001'));
    expect(rowOf(text, '结转下年度')).toBe('| 四、结转下年度继续办理 | 1 | 0 | 0 | 0001 |');
  });

  it('digits that may be fewer cells than the width are never placed by guess', () => {
    const text = read(page('   四、结转下年度继续办理                                                                        1       0        0       1001'));
    expect(rowOf(text, '结转下年度')).toBe(`| 四、结转下年度继续办理 | ${Array(7).fill(`${UNPLACED}1 0 0 1001`).join(' | ')} |`);
  });
});

describe('pdftotext -layout of the 01 LibreOffice print, other options', () => {
  it('-fixed 8: a number wrapped in its narrow cell ("3" over "4") whose pieces touch the number left of them is still that cell', () => {
    const text = read([
      '                       自然人   法人或其他组织            总计',
      '                                                    社会',
      '                                                科研       法律服务',
      '                             商业企业                   公益          其他',
      '                                                机构       机构',
      '                                                    组织',
      '',
      '',
      '                                                                     3',
      '        一、本年新收政府信息公开申请数量                        34  0    0      0 0 0',
      '                                                                     4',
      '',
      '',
      '        二、上年结转政府信息公开申请数量                        0   0    0      0 0 0 0',
    ]);
    expect(rowOf(text, '本年新收')).toBe('| 一、本年新收政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34 |');
  });

  it('-nopgbrk: a page number left inside a table labels no row', () => {
    const text = read([
      '                                 自然人 法人或其他组织 总计',
      '                   7.属于行政执法案卷     0    0    0   0 0 0 0',
      '',
      '',
      '                   8.属于行政查询事项     0    0    0   0 0 0 0',
      '',
      '',
      '',
      '                          -2-',
      '              (四)无',
      '                      1.本机关不掌握相关政府信息    2    0   0   0 0 0 2',
      '              法提供',
      '',
      '',
      '                      2.没有现成信息需要另行制作 1       0   0   0 0 0 1',
    ]);
    expect(rowOf(text, '本机关')).toBe('| (四)无法提供 | 1.本机关不掌握相关政府信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |');
  });
});

describe('pdftotext -layout with a coarse character grid (-fixed 10, -fixed 12)', () => {
  it('a short last line ends a label, where one column is one full-width character: the next line starts the label of the row below', () => {
    const text = read([
      '                           商业 科研 社会 法律',
      '                                 公益 服务 其他',
      '                           企业 机构 组织 机构',
      '     一、本年新收政府信息公开申请数量   80 1  0  0  0  0  81',
      '',
      '',
      '            2.申请人逾期未按收费',
      '            通知要求缴纳费用、行',
      '            政机关不再处理其政府 0   0  0  0  0  0  0',
      '',
      '            信息公开申请',
      '             其他',
      '             3.         1  0  0  0  0  0  1',
      '',
      '',
      '        （七）总计           80 1  0  0  0  0  81',
    ]);
    expect(rowOf(text, '逾期未按收费')).toBe('| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(rowOf(text, '其他 |')).toBe('| 3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('pieces of a wrapped number squeezed between two numbers of the row are in neither\'s cell: the row keeps its blank, the pieces stay unplaced', () => {
    const text = read([
      '      自然人             法人或其他组织           总计',
      '                                        社会公 法律服务',
      '      商业 企业           科研 机构                       其他',
      '                                        益组织 机构',
      '',
      '',
      '      一、本年新收政府信息公开申请数量                  80  1     0 0 0 0 81',
      '',
      '',
      '      二、上年结转政府信息公开申请数量                  0   0     0 0 0 0 0',
      '',
      '',
      '                                                       2',
      '      三、本年度办理结果       (一)予以公开           22  0     0 0 0 0',
      '                                                       2',
    ]);
    expect(rowOf(text, '予以公开')).toBe('| 三、本年度办理结果 | (一)予以公开 | 22 | 0 | 0 | 0 | 0 | 0 |  |');
  });

  it('-fixed 12: digits reaching the border of a cell the row leaves blank ("10" for 1 and 0) go to the parser to cut, not into one cell', () => {
    const head = [
      '               自然人 法人或其他组织      总计',
      '     二、上年结转政府信息公开申请数量           0  0  0    0 0 0 0',
      '                   8.属于行政查询事项   0  0  0    0 0 0 0',
      '',
      '',
    ];
    const text = read([
      ...head,
      '                   2.没有现成信息需要另行制作 10  0    0 0 0 1',
      '',
      '',
      '                   3.补正后申请内容仍不明确0  0  0    0 0 0 0',
    ]);
    expect(rowOf(text, '另行制作')).toBe('| 2.没有现成信息需要另行制作 | 10 | 0 | 0 | 0 | 0 | 1 |');
    // a number clear of the blank cell's border stays one number in its cell
    const clear = read([...head, '                   2.没有现成信息需要另行制作  10 0    0 0 0 1']);
    expect(rowOf(clear, '另行制作')).toBe('| 2.没有现成信息需要另行制作 |  | 10 | 0 | 0 | 0 | 0 | 1 |');
  });
});

describe('a number wrapped in a narrow cell (LibreOffice\'s reading of a site page: the 总计 column squeezed)', () => {
  it('"2" over "6" under the row\'s first line, the row\'s other number centred between them, is 26', () => {
    const text = read([
      ...SITE_HEAD.slice(0, 4),
      '',
      '',
      '',
      '一、本年新收政府信息公开                                          2',
      '                                   26',
      '申请数量                                                          6',
      '',
      '二、上年结转政府信息公开申请数量       0    0   0   0   0   0   0',
      '',
      '三、本年度办理结果 （一）予以公开    19   1   0   0   0   0   20',
    ]);
    // (the label's last line, beside the "6", stays a line of text under the row: the parser joins it)
    expect(rowOf(text, '本年新收')).toBe('| 一、本年新收政府信息公开 | 26 |  |  |  |  |  | 26 |');
    expect(text).toMatch(/本年新收政府信息公开 \|[^\n]*\n+申请数量\n/);
    expect(rowOf(text, '上年结转')).toBe('| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('-fixed 10: a number centred on its row ("3" over the row\'s line, "4" under it) right over another column\'s number stays one cell of its own', () => {
    const text = read([
      '                   自然人 法人或其他组织        总计',
      '',
      '',
      '                                          社会',
      '                                      科研      法律服务',
      '                       商业企业               公益       其他',
      '                                      机构      机构',
      '                                          组织',
      '',
      '',
      '                                                       3',
      '      一、本年新收政府信息公开申请数量                34  0   0    0 0 0',
      '                                                       4',
      '',
      '',
      '      二、上年结转政府信息公开申请数量                0   0   0    0 0 0 0'
    ]);
    // 34, or blank (its pieces then stray, named by the parser): never 04, 4 or 3
    expect(rowOf(text, '本年新收')).toMatch(/^\| 一、本年新收政府信息公开申请数量 \| 34 \| 0 \| 0 \| 0 \| 0 \| 0 \| (?:34)? \|$/);
  });

  it('a row of numbers under another (its label torn off) is a row of its own, not the rest of the numbers above', () => {
    const text = read([
      ...SITE_HEAD.slice(0, 4),
      '4.无正当理由大量反复申请              1    0   0   0   0   0   1',
      '                                      0    0   0   0   0   0   0',
      '行政机关不再处理其政府信息公         40    1   0   0   2   0   43',
    ]);
    expect(text).toContain('| 4.无正当理由大量反复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    expect(text).toContain('| 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(text).toContain('| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |');
  });
});

describe('a header whose vertical words pdftotext set a line apart (LibreOffice\'s reading of a site page, 表四 running off the page)', () => {
  it('gives no columns (two leaves closer than any two columns): the numbers stay unplaced, not put in guessed columns', () => {
    const text = read([
      '行政复议                    行政诉讼',
      '',
      '',
      '',
      '',
      '结   结    其     尚   总    未经复议直接起诉   复议后起诉',
      '\f果   果   他     未',
      '                      结   结     其   尚       结   结',
      '维   纠   结     审   计',
      '                      果   果     他   未   总   果   果',
      '持   正   果     结',
      '                      维   纠     结   审   计   维   纠',
      '',
      '                      持   正     果   结       持   正',
      '',
      '',
      '',
      '',
      '0   0   0     2   2   0   0     0   0   0   0   0'
    ]);
    expect(text.split('\n').find((l) => /\d/.test(l))).toContain(UNPLACED);
  });
});

describe('row groups printed as small tables under their headings (a PDF-to-Markdown copy printed again)', () => {
  it('the numbered lines over a small table\'s header row head it: they label no row of the table above', () => {
    const head = '   类别                    数据1            数据2         数据3          数据4            数据5       数据6         总计';
    const text = read([
      '  一、本年新收政府信息公开申请数量',
      head,
      '   本年新收政府信息公开申请数量  34             0           0            0              0         0           34',
      '  二、上年结转政府信息公开申请数量',
      head,
      '   上年结转政府信息公开申请数量  0              0           0            0              0         0           0',
      '  三、本年度办理结果',
      '  (一) 予以公开',
      head,
      '   予以公开                  30             0           0            0              0         0           30',
    ]);
    expect(text).toContain('| 上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(text).toContain('\n三、本年度办理结果\n(一) 予以公开\n');
    expect(text).toContain('| 予以公开 | 30 | 0 | 0 | 0 | 0 | 0 | 30 |');
  });
});

describe('a part\'s heading between two tables', () => {
  it('no label line reaches across it: a caption under the heading labels no row of 表三 above it', () => {
    const text = read([
      ...SITE_HEAD.slice(0, 4),
      '四、结转下年度继续办理                 1    0   0   0   0   0   1',
      '四、政府信息公开行政复议、行政诉讼情况',
      '表4 复议诉讼情况',
      '结果维持     结果纠正     其他结果     尚未审结     总计',
      '0            0            4            0            4',
    ]);
    expect(rowOf(text, '结转下年度')).toBe('| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
  });
});

describe('pdftotext -layout -fixed 2 (a grid so fine that the rows of a table share lines)', () => {
  it('a line holding a row\'s glued numbers and the next numbered label is no label of the row under it: the lines keep their order', () => {
    // the 05 LibreOffice print: 1.…逾期不补正… is 2000002, then "2.申请人逾期…" is 0000000, then "3.其他"
    const text = read([
      '具已获取信息                                0000000(六)其他处理                                             1.申请人无正当理由逾期不补正、行政机关不再处理其政府',
      '信息公开申请                                20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息',
      '公开申请                      00000003.其他                               0200002(七)总计                                   723000075                      四、结转下年度继续办理                                                         0000000                  四、',
    ]);
    const lines = text.split('\n').filter(Boolean);
    expect(lines[1]).toBe('| 信息公开申请 | 20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息 |');
    expect(lines[2].startsWith('| 公开申请 | 00000003.其他 |')).toBe(true);
  });

  it('a line of numbers and text with no label of its own is no piece of the next row\'s cells: the two lines never interleave', () => {
    // a LibreOffice print of a 2025 report: 表二's small tables run together over two lines
    const text = read([
      '000        行政规范性文件                                    5845546                  第二十条第(五)项信息内容本年处理决定数量行政许可                                                                                                         1234        第二十',
      '条第(六)项信息内容本年处理决定数量行政处罚                                                                                                        567        行政强制                     64      第二十条第(八)项信息内容本年',
    ]);
    const [first, second] = text.split('\n').filter(Boolean);
    expect(first).toBe('| 000 | 行政规范性文件 | 5845546 | 第二十条第(五)项信息内容本年处理决定数量行政许可 | 1234 | 第二十 |');
    expect(second.startsWith('| 条第(六)项信息内容本年处理决定数量行政处罚 |')).toBe(true);
    expect(second).not.toContain('1234');
  });
});
