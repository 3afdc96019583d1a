/**
 * The Word XML reader on its own (src/ingest/word-xml.ts) and the ZIP entry reader under it
 * (src/ingest/zip.ts): what prints, what does not, and damaged input refused.
 */
import { describe, expect, it } from 'vitest';
import { zipEntries } from '../../../src/ingest/detect.js';
import { htmlToText } from '../../../src/ingest/html.js';
import { wordXmlToHtml } from '../../../src/ingest/word-xml.js';
import { crc32, unzipEntry } from '../../../src/ingest/zip.js';
import { zip } from '../../support/zip.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const read = (body: string) => htmlToText(wordXmlToHtml(`<w:document ${W}><w:body>${body}</w:body></w:document>`)).trim();
const r = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t>${text}</w:t></w:r>`;
const p = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const tc = (content: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${content}</w:tc>`;

describe('Word XML to HTML', () => {
  it('prints runs, tabs and breaks; not tab stops, deleted text, field instructions or hidden runs', () => {
    const tabStops = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>';
    expect(read(`<w:p>${tabStops}${r('共')}<w:r><w:tab/></w:r>${r('12')}<w:del><w:r><w:delText>3</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE 9 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('4')}<w:r><w:fldChar w:fldCharType="end"/></w:r>${r('5', '<w:vanish/>')}${r('6', '<w:specVanish/>')}${r('件', '<w:vanish w:val="false"/>')}</w:p>`)).toBe('共\t124件');
  });

  it('decodes entities and escapes markup-like text', () => {
    expect(read(p(r('A &amp; B &lt;td&gt; 1')))).toBe('A & B <td> 1');
  });

  it('reads the first choice of each mc:AlternateContent, the fallback only when there is no choice', () => {
    const alt = (inner: string) => `<w:r><mc:AlternateContent>${inner}</mc:AlternateContent></w:r>`;
    const box = (text: string) => `<w:txbxContent>${p(r(text))}</w:txbxContent>`;
    expect(read(p(alt(`<mc:Choice Requires="wps">${box('甲')}</mc:Choice><mc:Fallback>${box('甲copy')}</mc:Fallback>`), alt(`<mc:Fallback>${box('乙')}</mc:Fallback>`)))).toMatch(/^甲\s*乙$/);
  });

  it('drops deleted rows, deleted cells and cells continuing a vertical merge (with what they hold)', () => {
    const table = `<w:tbl>
      <w:tr>${tc(p(r('组')), '<w:vMerge w:val="restart"/>')}${tc(p(r('1')))}</w:tr>
      <w:tr>${tc(p(r('stale')), '<w:vMerge/>')}${tc(p(r('2')))}${tc(p(r('8')), '<w:cellDel w:id="1"/>')}</w:tr>
      <w:tr><w:trPr><w:del w:id="2"/></w:trPr>${tc(p(r('删')))}${tc(p(r('9')))}</w:tr>
    </w:tbl>`;
    expect(read(table).split('\n').filter(Boolean)).toEqual(['| 组 | 1 |', '| 2 |']);
  });

  it('drops padding cells a label not merged across leaves, where values never start; keeps blank values and a values-only row as printed', () => {
    const empty = tc('<w:p/>');
    const wide = '<w:gridSpan w:val="2"/>';
    const table = `<w:tbl>
      <w:tr>${tc(p(r('组别')), wide)}${tc(p(r('甲')))}${tc(p(r('乙')))}</w:tr>
      <w:tr>${tc(p(r('合并的标签')), wide)}${empty}${tc(p(r('5')))}</w:tr>
      <w:tr>${tc(p(r('未合并的标签')))}${empty}${empty}${tc(p(r('6')))}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(r('缩进的标签')))}${tc(p(r('7')))}${empty}</w:tr>
      <w:tr>${empty}${tc(p(r('8')))}${empty}${tc(p(r('9')))}</w:tr>
    </w:tbl>`;
    expect(read(table).split('\n').filter(Boolean)).toEqual(['| 组别 | 甲 | 乙 |', '| 合并的标签 |  | 5 |', '| 未合并的标签 |  | 6 |', '| 缩进的标签 | 7 |  |', '|  | 8 |  | 9 |']);
  });

  it('a document cut off inside a table keeps what was read of it', () => {
    expect(read(`<w:tbl><w:tr>${tc(p(r('标签')))}<w:tc><w:p><w:r><w:t>7`)).toBe('| 标签 | 7 |');
  });

  it('knows elements by namespace, whatever prefix the writer chose (ns0:, a default namespace, strict OOXML)', () => {
    const body = p(r('隐', '<w:vanish/>'), r('共12件'), `<w:del><w:r><w:delText>3</w:delText></w:r></w:del>`);
    const as = (prefix: string, uri = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main') => {
      const xml = `<w:document xmlns:w="${uri}"><w:body>${body}</w:body></w:document>`.replace(/(<\/?)w:/g, `$1${prefix}`).replace(/ w:val=/g, ` ${prefix}val=`);
      return htmlToText(wordXmlToHtml(xml.replace(`xmlns:w=`, prefix ? `xmlns:${prefix.slice(0, -1)}=` : 'xmlns='))).trim();
    };
    expect(as('ns0:')).toBe('共12件');
    expect(as('')).toBe('共12件');
    expect(as('w:', 'http://purl.oclc.org/ooxml/wordprocessingml/main')).toBe('共12件');
  });

  it('nesting deeper than any report: TOO_DEEP', () => {
    expect(() => read('<w:sdt><w:sdtContent>'.repeat(600))).toThrow(expect.objectContaining({ code: 'TOO_DEEP' }));
  });
});

describe('a ZIP entry', () => {
  const xml = '<w:document>'.padEnd(5000, 'x');
  const file = zip({ 'word/document.xml': xml });
  const entry = () => zipEntries(file)!.find((e) => e.name === 'word/document.xml')!;

  it('unpacks to its bytes, checked against its CRC-32', async () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(new TextDecoder().decode(await unzipEntry(file, entry(), 1 << 20, 'The file'))).toBe(xml);
  });

  it('damaged data, a wrong checksum or an unknown method: DAMAGED_DOCUMENT', async () => {
    const flipped = file.slice();
    flipped[entry().localOffset + 30 + entry().name.length + 2] ^= 0x10; // inside the deflated data
    await expect(unzipEntry(flipped, entry(), 1 << 20, 'The file')).rejects.toMatchObject({ code: 'DAMAGED_DOCUMENT' });
    await expect(unzipEntry(file, { ...entry(), crc32: entry().crc32 ^ 1 }, 1 << 20, 'The file')).rejects.toMatchObject({ code: 'DAMAGED_DOCUMENT', message: expect.stringMatching(/checksum/) });
    await expect(unzipEntry(file, { ...entry(), method: 12 }, 1 << 20, 'The file')).rejects.toMatchObject({ code: 'DAMAGED_DOCUMENT' });
    await expect(unzipEntry(file, { ...entry(), localOffset: 3 }, 1 << 20, 'The file')).rejects.toMatchObject({ code: 'DAMAGED_DOCUMENT' });
  });

  it('more bytes than the limit, whatever the directory declares: TOO_LARGE while unpacking', async () => {
    const big = zip({ 'word/document.xml': 'x'.repeat(3_000_000) });
    const e = zipEntries(big)![0];
    await expect(unzipEntry(big, { ...e, uncompressedSize: 10 }, 1_000_000, 'The file')).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });
});
