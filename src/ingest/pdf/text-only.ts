/**
 * pdfjs reads a page's fonts to draw them; the reader only needs their text: each character's code,
 * its Unicode and its width, which come from the font's dictionary and encoding. Two kinds of font
 * cost far more to load for drawing than the text needs, and are loaded here for the text only:
 * - Type3 fonts (glyphs drawn by small content streams: Chromium's prints set CJK text in them) have
 *   every glyph program evaluated into an operator list when loaded — a fifth of the CPU of reading
 *   a Chromium print; the operator lists read for ruling lines hold the page's drawing, not glyphs';
 * - Type1 fonts (LibreOffice's PDFs) are compiled into a CFF program for a browser to draw with —
 *   a third of the CPU of reading a LibreOffice PDF; their glyph names are read before that.
 * The same 45 PDFs read to the same text with and without these shortcuts.
 */
import { onFirstInstance } from './pdfjs-internals.js';

let type3 = false;
let type1 = false;

/** Called once pdfjs is loaded, before it reads anything (pdfjs-internals.ts: patched from the first instance of each class). */
export function readFontsForTextOnly(): void {
  // `type3Dependencies` is assigned by pdfjs's TranslatedFont alone, in its constructor
  onFirstInstance('type3Dependencies', 'loadType3Data', (proto) => {
    Object.defineProperty(proto, 'loadType3Data', {
      configurable: true,
      writable: true,
      value(this: { font: { charProcOperatorList?: object } }) {
        this.font.charProcOperatorList ??= Object.create(null);
        return Promise.resolve();
      },
    });
    type3 = true;
  });
  // `charstrings` is assigned by pdfjs's Type1Font alone, in its constructor, before it compiles the
  // font into a CFF program for the browser to draw with (a third of the CPU of a LibreOffice PDF):
  // the glyph names and widths the text needs are read by then, the program is never drawn here
  onFirstInstance('charstrings', 'wrap', (proto) => {
    for (const [method, value] of [
      ['getType2Charstrings', () => []],
      ['getType2Subrs', () => []],
      ['wrap', () => new Uint8Array(0)],
    ] as const) {
      Object.defineProperty(proto, method, { configurable: true, writable: true, value });
    }
    type1 = true;
  });
}

/** Whether Type3 glyph programs and Type1 compilation are skipped yet (from the first such font on): tests assert it. */
export const fontsReadForTextOnly = () => ({ type3, type1 });
