/**
 * Tiny PDFs built byte by byte for tests (a valid xref table, no embedded fonts: standard
 * Helvetica, and for Chinese the Adobe font STSong-Light through the predefined CMap UniGB-UCS2-H,
 * as Word or Acrobat write 宋体 left out of the file): text pages, pages with only drawings (a scan
 * has no text layer), a page tree that claims any page count.
 */
export interface PdfPage {
  /** Text drawn at 12 points at (x, y) in points from the bottom left: ASCII in Helvetica, anything else in STSong-Light (BMP only). */
  texts?: { x: number; y: number; text: string }[];
  /** Raw content-stream operators drawn before the text (lines, rectangles). */
  drawing?: string;
}

export function buildPdf(pages: PdfPage[], options: { claimedPageCount?: number } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body); // the new object's number
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, filled in below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>');
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>');
  add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const show = (text: string) =>
    /^[\x20-\x7e]*$/.test(text)
      ? `/F1 12 Tf (${text.replace(/[()\\]/g, '\\$&')}) Tj`
      : `/F2 12 Tf <${[...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}> Tj`;
  const kids: number[] = [];
  for (const page of pages) {
    const text = (page.texts ?? []).map((t) => `BT ${t.x} ${t.y} Td ${show(t.text)} ET`).join('\n');
    const stream = `${page.drawing ?? ''}\n${text}`;
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${options.claimedPageCount ?? kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
