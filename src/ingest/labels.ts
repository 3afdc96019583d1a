/**
 * Label tables built from the catalog at module load: every label the parser matches comes from
 * src/format/catalog.json, folded the same way as the text (see normalize.ts).
 */
import { catalog, formatSpec, type FormatVersion } from '../format/catalog.js';
import { fold } from './normalize.js';

export interface LabelVariant {
  code: string;
  folded: string;
}
export interface ItemSpec {
  code: string;
  measures: string[];
  /** measure code -> unit printed in the measure label, e.g. 万元 */
  units: Record<string, string | null>;
  relation: 'inForce' | 'total' | null;
}
export interface VersionLabels {
  version: FormatVersion;
  appRows: LabelVariant[];
  appRowCodes: string[];
  applicantCodes: string[];
  items: LabelVariant[];
  itemSpecs: Map<string, ItemSpec>;
  groupCodes: string[];
  outcomeCodes: string[];
  /** labels that occur only in this version's tables, for deciding the format */
  markers: string[];
}

const PAREN_NOTE = /\([^()]*\)$/;
const ENUMERATOR = /^(?:\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.)/;

/** A catalog label folded, without its numbering (一、 （一） 1.). */
export const bareLabel = (label: string) => fold(label).replace(ENUMERATOR, '');

function variantsOf(label: string): string[] {
  const full = fold(label);
  const out = new Set([full]);
  // "(二)部分公开(区分处理的,…)": reports drop or mangle the printed note.
  const noNote = full.replace(PAREN_NOTE, '');
  if (noNote.length >= 4) out.add(noNote);
  // Some reports number sub-rows differently or not at all; a long core is still unambiguous.
  const core = noNote.replace(ENUMERATOR, '');
  if (core.length >= 6) out.add(core);
  return [...out];
}

function unitOf(label: string): string | null {
  const m = /单位[:：]\s*([^)）]+)/.exec(label.normalize('NFKC'));
  return m ? m[1].trim() : null;
}

function build(version: FormatVersion): VersionLabels {
  const spec = formatSpec(version);
  const appRows = spec.applications.rows.flatMap((r) => variantsOf(r.label).map((f) => ({ code: r.code, folded: f })));
  const itemSpecs = new Map<string, ItemSpec>();
  const items: LabelVariant[] = [];
  for (const g of spec.proactiveDisclosure) {
    const measures = g.measures.map((m) => m.code);
    const units = Object.fromEntries(g.measures.map((m) => [m.code, unitOf(m.label)]));
    // Structural relations between measures of one row, used only to rank ambiguous glued splits.
    const relation = measures.includes('IN_FORCE') ? 'inForce' : measures.includes('TOTAL_PUBLISHED') ? 'total' : null;
    for (const item of g.items) {
      itemSpecs.set(item.code, { code: item.code, measures, units, relation });
      // Any version's label for the same item: a 2021 table printed with the 2019 word 规范性文件.
      const labels = new Set(catalog.formats.flatMap((f) => f.proactiveDisclosure.flatMap((x) => x.items)).filter((i) => i.code === item.code).map((i) => fold(i.label)));
      for (const l of labels) items.push({ code: item.code, folded: l });
    }
  }
  return {
    version,
    appRows,
    appRowCodes: spec.applications.rows.map((r) => r.code),
    applicantCodes: spec.applications.applicants.map((a) => a.code),
    items,
    itemSpecs,
    groupCodes: spec.reviewsAndLitigation.groups.map((g) => g.code),
    outcomeCodes: spec.reviewsAndLitigation.outcomes.map((o) => o.code),
    markers: [],
  };
}

function allLabels(version: FormatVersion): string[] {
  const s = formatSpec(version);
  return [
    ...s.proactiveDisclosure.flatMap((g) => g.measures.map((m) => m.label)),
    ...s.applications.rows.flatMap((r) => [r.label, r.group ?? '']),
  ]
    .filter(Boolean)
    .map(fold);
}

export const VERSION_LABELS: VersionLabels[] = catalog.formats.map((f) => build(f.version));
for (const v of VERSION_LABELS) {
  const others = VERSION_LABELS.filter((o) => o !== v).flatMap((o) => allLabels(o.version));
  const s = formatSpec(v.version);
  const candidates = [
    ...s.proactiveDisclosure.flatMap((g) => g.measures.map((m) => m.label)),
    ...s.applications.rows.map((r) => r.label),
  ].map(fold);
  v.markers = [...new Set(candidates)].filter((l) => !others.some((o) => o.includes(l)));
}

export function labelsFor(version: FormatVersion): VersionLabels {
  return VERSION_LABELS.find((v) => v.version === version)!;
}

/** Characters of the 表四 header (group and outcome labels), to tell header cells from prose. */
export const REVIEW_HEADER_CHARS: ReadonlySet<string> = new Set(
  catalog.formats
    .flatMap((f) => [
      ...f.reviewsAndLitigation.groups.flatMap((g) => [g.label, g.parent ?? '']),
      ...f.reviewsAndLitigation.outcomes.map((o) => o.label),
    ])
    .join('')
    .normalize('NFKC'),
);

export const REVIEW_ANCHOR = fold(formatSpec('2021').reviewsAndLitigation.groups[0].label);
export const ARTICLE_ANCHOR = fold(formatSpec('2021').proactiveDisclosure[0].article).replace(/第?\(.*$/, '');
export const R1_NOTE = fold(formatSpec('2021').applications.note).slice(0, 8);

/**
 * Every word printed inside the three tables (labels, headers, notes of both versions), folded: the
 * sections reader cuts these out of the parts' narrative.
 */
export const TABLE_VOCAB: readonly string[] = (() => {
  const words = new Set<string>();
  const add = (s: string | null | undefined) => {
    if (!s) return;
    const f = fold(s);
    if (f.length >= 2) words.add(f);
  };
  for (const f of catalog.formats) {
    for (const g of f.proactiveDisclosure) {
      add(g.article);
      add(g.article.replace(/第（/, '（'));
      for (const m of g.measures) add(m.label);
      for (const i of g.items) add(i.label);
    }
    add(f.applications.note);
    for (const a of f.applications.applicants) {
      add(a.label);
      add(a.group);
    }
    for (const r of f.applications.rows) {
      for (const v of variantsOf(r.label)) if (v.length >= 2) words.add(v);
      add(r.group);
    }
    for (const g of f.reviewsAndLitigation.groups) {
      add(g.label);
      add(g.parent);
    }
    for (const o of f.reviewsAndLitigation.outcomes) add(o.label);
  }
  for (const w of ['信息内容', '申请人情况', R1_NOTE]) words.add(w);
  // Table captions ("表二：主动公开政府信息情况") repeat the part titles.
  for (const f of catalog.formats) for (const s of f.sections) add(s.title);
  return [...words].sort((a, b) => b.length - a.length);
})();

/** Characters that may sit between table words without ending the table (shredded labels, page debris). */
export const TABLE_CHARS: ReadonlySet<string> = new Set(
  (TABLE_VOCAB.join('') + '0123456789.,:()[]【】/\\-—–_#*+=%表第项条件一二三四五六七八九十增减万元单位').split(''),
);
