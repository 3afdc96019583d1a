/**
 * Numbers too long for narrow cells wrap inside them, and a row's cell may sit beside its row's
 * line rather than on it: the pieces of a row's cells, read from the lines around it, joined before
 * its cells are placed in their columns (columns.ts).
 */
import { isValue, least, most, type Fragment, type Row } from './lines.js';
import { startsRowLabel } from './vocabulary.js';

export interface Value {
  x0: number;
  x1: number;
  y: number;
  text: string;
}

export const mid = (v: { x0: number; x1: number }) => (v.x0 + v.x1) / 2;
const valueOf = (f: Fragment): Value => ({ x0: f.x0, x1: f.x1, y: f.y, text: f.text.replace(/\s+/g, '') });

/**
 * A number too long for a narrow cell wraps inside it ("85" over "9"): its pieces sit on lines of
 * their own just above and below a labelled row, where that row has no number. They are that
 * row's cell, read top-down. Pieces that would land on a number of the row stay rows of their own,
 * unless they continue it: digits stacked under the row's digits in their column, a line or two
 * apart (a cell's line pitch), before the next numbered label starts a row ("2" over "6" in a
 * narrow 总计 column is 26, with the row's other numbers centred between them).
 * (A piece's row is dropped; its label, if it took one, is printed as text.)
 */
export function joinWrapped(rows: Row[], size: number): { row: Row; values: Value[] }[] {
  // A row is labelled on its own line; a piece of a wrapped number may have taken a label above it
  // (a numbered label starts the row below it), and is still a piece.
  const out = rows.map((row) => ({ row, values: row.values.map(valueOf), labelled: row.labels.some((f) => Math.abs(f.y - row.y) <= 0.5 * size) }));
  if (!out.some((r) => r.labelled)) return out;
  const pieces = new Map<(typeof out)[number], Value[]>();
  const absorbed = new Set<(typeof out)[number]>();
  // First the numbers continued on lines below (a line of a label that starts no row, the rest of the
  // label above, does not make a row of its own)
  const rowStarts = rows.flatMap((r) => r.labels.filter((f) => startsRowLabel(f.text)).map((f) => f.y));
  let above: (typeof out)[number] | null = null;
  let aboveAt = -1;
  out.forEach((o, at) => {
    const ownLabel = o.labelled && o.row.labels.some((f) => Math.abs(f.y - o.row.y) <= 0.5 * size && startsRowLabel(f.text));
    // (a second row of numbers under the first is a row: a wrapped cell leaves the row's other
    // numbers beside its first line or centred between its lines)
    const others = (vs: Value[]) => vs.some((w) => !o.values.some((v) => sameColumn(v, w, size)));
    const beside = above && (others(above.values) || out.slice(aboveAt + 1, at).some((b) => others(b.values)));
    // (a piece over the row's line in that column too makes a cell centred on the row: "3" over the
    // row's numbers, "4" under them, is 34, and the row's number between them is another column's)
    const straddled = above && out.slice(0, aboveAt).some((b) => !b.labelled && above!.row.y - b.row.y <= 3 * size && b.values.some((w) => o.values.some((v) => sameColumn(v, w, size))));
    if (!ownLabel && above && beside && !straddled && continuesNumber(o.values, above.values, size) && !rowStarts.some((y) => y > above!.row.y + 0.3 * size && y <= o.row.y + 0.3 * size)) {
      for (const v of o.values) {
        const w = above.values.find((x) => sameColumn(v, x, size));
        if (w) Object.assign(w, { text: w.text + v.text, x0: Math.min(w.x0, v.x0), x1: Math.max(w.x1, v.x1), y: v.y });
        else {
          if (!pieces.has(above)) pieces.set(above, []);
          pieces.get(above)!.push(v);
        }
      }
      absorbed.add(o);
    } else if (o.labelled) [above, aboveAt] = [o, at];
  });
  // then the pieces beside a labelled row's line
  const labelled = out.filter((r) => r.labelled && !absorbed.has(r));
  let k = 0;
  for (const o of out) {
    // (a line holding text among its numbers is no piece of a cell: fine grids set several rows on one line)
    if (o.labelled || absorbed.has(o) || o.values.some((v) => !isValue(v.text))) continue;
    // the labelled rows just above and below (rows come top-down)
    while (k + 1 < labelled.length && labelled[k + 1].row.y <= o.row.y) k++;
    const near = [labelled[k], labelled[k + 1]].filter(Boolean).sort((a, b) => Math.abs(a.row.y - o.row.y) - Math.abs(b.row.y - o.row.y));
    const [r, next] = near;
    const dy = Math.abs(r.row.y - o.row.y);
    if (dy > 1.6 * size || (next && Math.abs(next.row.y - o.row.y) < 2 * dy)) continue;
    // (a piece beyond all the row's numbers may touch the last of them: pdftotext -layout sets narrow
    // cells a column apart; one between two of them is in neither's cell only when clear of both)
    const [first, last] = [least(r.values.map((w) => w.x0)), most(r.values.map((w) => w.x1))];
    const margin = (v: Value) => (v.x0 >= last || v.x1 <= first ? 0 : 0.25 * size);
    const overlaps = o.values.some((v) => r.values.some((w) => v.x0 < w.x1 + margin(v) && w.x0 < v.x1 + margin(v)));
    if (overlaps) continue;
    if (!pieces.has(r)) pieces.set(r, []);
    for (const v of o.values) pieces.get(r)!.push(v);
    absorbed.add(o);
  }
  for (const [r, vs] of pieces) {
    const groups: Value[][] = [];
    for (const v of [...vs].sort((a, b) => a.x0 - b.x0)) {
      const g = groups.find((gr) => gr.some((w) => sameColumn(v, w, size)));
      if (g) g.push(v);
      else groups.push([v]);
    }
    for (const g of groups) {
      g.sort((a, b) => a.y - b.y);
      r.values.push({ x0: least(g.map((v) => v.x0)), x1: most(g.map((v) => v.x1)), y: r.row.y, text: g.map((v) => v.text).join('') });
    }
    r.values.sort((a, b) => a.x0 - b.x0);
  }
  return out.filter((o) => !absorbed.has(o));
}

const sameColumn = (v: Value, w: Value, size: number) => v.x0 < w.x1 + 0.25 * size && w.x0 < v.x1 + 0.25 * size;

/**
 * Values that go on a number of the row above in its column: every one digits only, set right
 * under a digits-only value of the row (or a piece of it: same left edge or centre, as a cell's
 * wrapped lines are) and at most a few lines below it.
 */
function continuesNumber(values: Value[], rowValues: Value[], size: number): boolean {
  const overlapping = values.filter((v) => rowValues.some((w) => sameColumn(v, w, size)));
  const under = (v: Value, w: Value) => Math.abs(v.x0 - w.x0) <= 0.3 * size || Math.abs(mid(v) - mid(w)) <= 0.3 * size;
  return (
    overlapping.length > 0 &&
    overlapping.every((v) => /^\d+$/.test(v.text) && rowValues.some((w) => under(v, w) && /^\d+$/.test(w.text) && v.y > w.y && v.y - w.y <= 3 * size))
  );
}

