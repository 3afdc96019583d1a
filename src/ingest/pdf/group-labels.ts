/**
 * Group labels (rowspans such as 三、本年度办理结果 or （三）不予公开) move to the first row of their
 * group, and a row's label cells read as text.
 */
import { BARE_NUMBER_LABEL, least, most, type Fragment, type Row } from './lines.js';

function clusterStarts(xs: number[], gap: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const starts: number[] = [];
  sorted.forEach((x, i) => {
    if (!i || x - sorted[i - 1] > gap) starts.push(x);
  });
  return starts;
}

const columnOf = (starts: number[], x: number) => {
  let c = 0;
  while (c + 1 < starts.length && x >= starts[c + 1] - 0.01) c++;
  return c;
};

/**
 * Group labels (a block of a label column beside rows that all have deeper labels) move to the first
 * row of their group. A rowspan's text is centred on its rows, so within a run of such rows the
 * groups are laid out top-down: each block's group ends where its centre says it must.
 */
export function placeGroupLabels(rows: Row[]): void {
  const all = rows.flatMap((r) => r.labels);
  if (!all.length) return;
  const size = all[0].size;
  const starts = clusterStarts(all.map((f) => f.x0), size);
  for (const r of rows) {
    for (const f of r.labels) {
      const c = columnOf(starts, f.x0);
      if (!r.columns.has(c)) r.columns.set(c, []);
      r.columns.get(c)!.push(f);
    }
  }
  const deeper = (r: Row, c: number) => [...r.columns.keys()].some((k) => k > c);
  const within = (r: Row, c: number) => [...r.columns.keys()].some((k) => k <= c);
  for (let c = 0; c < starts.length; c++) {
    const owned: { frag: Fragment; row: number }[] = [];
    rows.forEach((r, i) => (r.columns.get(c) ?? []).forEach((frag) => owned.push({ frag, row: i })));
    owned.sort((a, b) => a.frag.y - b.frag.y);
    const groups: { frags: Fragment[]; centre: number; near: number; from: typeof owned }[] = [];
    let block: typeof owned = [];
    const settle = () => {
      if (!block.length) return;
      const rowIds = [...new Set(block.map((b) => b.row))];
      if (rowIds.every((i) => deeper(rows[i], c))) {
        for (const i of rowIds) rows[i].columns.delete(c);
        const ys = block.map((b) => b.frag.y);
        groups.push({ frags: block.map((b) => b.frag), centre: (least(ys) + most(ys)) / 2, near: least(rowIds), from: block });
      }
      block = [];
    };
    for (const o of owned) {
      const last = block[block.length - 1];
      if (last && o.frag.y - last.frag.y > 1.7 * size) settle();
      block.push(o);
    }
    settle();
    // a block no run of rows takes back stays where it was read (a label is never lost)
    const keep = (group: (typeof groups)[number]) => group.from.forEach(({ frag, row }) => rows[row].columns.set(c, [...(rows[row].columns.get(c) ?? []), frag]));
    // runs of rows without a label of their own at this depth
    let g = 0;
    for (let i = 0; i < rows.length && g < groups.length; ) {
      if (within(rows[i], c) || !deeper(rows[i], c)) {
        i++;
        continue;
      }
      let end = i;
      while (end + 1 < rows.length && !within(rows[end + 1], c) && deeper(rows[end + 1], c)) end++;
      while (g < groups.length && groups[g].near < i) keep(groups[g++]);
      const inRun: typeof groups = [];
      while (g < groups.length && groups[g].near <= end) inRun.push(groups[g++]);
      // Sub-rows are numbered from 1 in each group: where the numbering restarts, a group starts,
      // and every block up to the next restart is its label (a label split by a page break too).
      const restarts: number[] = [];
      for (let k = i; k <= end; k++) if (FIRST_SUB_ROW.test(deepestLabel(rows[k], c))) restarts.push(k);
      if (restarts.length > 0 && inRun.length >= restarts.length) {
        for (const group of inRun) {
          let at = restarts[0];
          for (const k of restarts) if (k <= group.near) at = k;
          rows[at].columns.set(c, [...(rows[at].columns.get(c) ?? []), ...group.frags]);
        }
        i = end + 1;
        continue;
      }
      let start = i;
      inRun.forEach((group, j) => {
        const at = Math.min(start, end);
        const left = inRun.length - j - 1;
        let last = end - left;
        if (left > 0) {
          const target = 2 * group.centre - rows[at].y;
          last = at;
          while (last + 1 <= end - left && Math.abs(rows[last + 1].y - target) < Math.abs(rows[last].y - target)) last++;
        }
        rows[at].columns.set(c, [...(rows[at].columns.get(c) ?? []), ...group.frags]);
        start = last + 1;
      });
      i = end + 1;
    }
    while (g < groups.length) keep(groups[g++]);
  }
}

const FIRST_SUB_ROW = /^\s*[1１]\s*[.、．]/;

function deepestLabel(r: Row, c: number): string {
  const deeper = [...r.columns.keys()].filter((k) => k > c).sort((a, b) => a - b);
  if (!deeper.length) return '';
  return [...r.columns.get(deeper[0])!].sort(readingOrder).map((f) => f.text).join('');
}

/** A cell's lines top-down, its number first: a number set apart sits beside the middle of a wrapped label. */
const readingOrder = (a: Fragment, b: Fragment) =>
  Number(BARE_NUMBER_LABEL.test(b.text.trim())) - Number(BARE_NUMBER_LABEL.test(a.text.trim())) || a.y - b.y || a.x0 - b.x0;

export function labelText(r: Row): string {
  return [...r.columns.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, frags]) => [...frags].sort(readingOrder).map((f) => f.text).join(''))
    .join(' | ');
}
