/**
 * Vertical ruling lines of a PDF's tables (cell borders), in the coordinates of its text runs.
 * Read only for tables whose columns the text cannot tell (a column blank in every row under a
 * header that does not line up), from the document the text was read from: its fonts are then
 * translated already, and the operator list adds about a third to the text's CPU (read from a
 * second opening of the file it cost as much again as the text). PDFs that do not need it never
 * pay for it.
 */
import { loadPdfJs, type PageBox, type PdfDocument } from './runs.js';

export interface Rule {
  x: number;
  /** Top and bottom, top-down, pages stacked like the runs. */
  y0: number;
  y1: number;
  page: number;
}

/** Path operations of pdfjs's constructPath buffer (DrawOPS). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUADRATIC = 3;

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** Rules on the given pages; an unreadable page has none (the text was read: this only helps), nor do pages past `maxMillis`. */
export async function readRules(doc: PdfDocument, pages: PageBox[], wanted: Set<number>, maxMillis: number): Promise<Rule[]> {
  const started = performance.now();
  const { OPS } = await loadPdfJs();
  const rules: Rule[] = [];
  for (const n of wanted) {
    // past the time budget the rest stays unplaced (and flagged): this pass only adds
    if (n >= doc.numPages || !pages[n] || performance.now() - started > maxMillis) continue;
    try {
      const page = await doc.getPage(n + 1);
      const [, bottom] = page.view;
      const { top, height } = pages[n];
      const ops = await page.getOperatorList();
      let ctm: Matrix = [1, 0, 0, 1, 0, 0];
      const saved: Matrix[] = [];
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i];
        if (fn === OPS.save) saved.push(ctm);
        else if (fn === OPS.restore) ctm = saved.pop() ?? ctm;
        else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
        else if (fn === OPS.constructPath && args[0] !== OPS.endPath) {
          const buffer = (args[1] as ArrayLike<number>[])[0] ?? [];
          let px = NaN;
          let py = NaN;
          for (let k = 0; k < buffer.length; ) {
            const op = buffer[k++];
            if (op === MOVE || op === LINE) {
              const [x, y] = [buffer[k], buffer[k + 1]];
              k += 2;
              const ax = ctm[0] * x + ctm[2] * y + ctm[4];
              const ay = ctm[1] * x + ctm[3] * y + ctm[5];
              if (op === LINE && Math.abs(ax - px) < 1 && Math.abs(ay - py) > 3) {
                const [ya, yb] = [top + height - (ay - bottom), top + height - (py - bottom)];
                rules.push({ x: (ax + px) / 2, y0: Math.min(ya, yb), y1: Math.max(ya, yb), page: n });
              }
              [px, py] = [ax, ay];
            } else if (op === CURVE) k += 6;
            else if (op === QUADRATIC) k += 4;
          }
        }
      }
      page.cleanup();
    } catch {
      // a page whose drawing cannot be read keeps its values unplaced
    }
  }
  return rules;
}
