/**
 * pdfjs reads a page's fonts to render them; the reader only needs their text. A Type3 font (glyphs
 * drawn by small content streams: Chromium's prints set CJK text in them) has every glyph program
 * evaluated into an operator list when the font is loaded, for text extraction too: a fifth of
 * the CPU of reading a Chromium print. Its characters' codes, Unicode map and widths come from the
 * font's dictionary, so the glyph programs are never run here (the operator lists read for the
 * ruling lines hold the page's own drawing, not the glyphs').
 */
import { onFirstInstance } from './pdfjs-internals.js';

let textOnly = false;

/** Called once pdfjs is loaded, before it reads anything. */
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
    textOnly = true;
  });
}

/** Whether Type3 glyph programs are skipped yet (from the first font on): tests assert it. */
export const fontsReadForTextOnly = () => textOnly;
