/**
 * A small, hand-checkable set of reports for the portal tests (statistics, time series, search):
 * every number the tests assert can be recomputed from the table below.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { formatSpec, type FormatVersion, type InterchangeReport } from '../../src/format/index.js';
import { storeReport, type AgencyInput } from '../../src/store/services/report-writes.js';

type V = number | null;
export interface Figures {
  newReceived: V; disclosed: V; partial: V; outcomeTotal: V; withheldSecret: V; carriedOver: V; carriedForward: V;
  review: [V, V, V]; // 行政复议: CORRECTED, TOTAL, PENDING
  litigationDirect: [V, V, V];
  litigationAfterReview: [V, V, V];
  punishments: V;
  body: string;
  title?: string;
}

export const AGENCIES: Record<string, AgencyInput> = {
  pingtan: { name: '平潭县人民政府', regionCode: '350128', level: 'COUNTY', kind: 'GOVERNMENT' },
  gulou: { name: '福州市鼓楼区人民政府', regionCode: '350102', level: 'COUNTY', kind: 'GOVERNMENT' },
  siming: { name: '厦门市思明区人民政府', regionCode: '350203', level: 'COUNTY', kind: 'GOVERNMENT' },
  dongcheng: { name: '北京市东城区人民政府', regionCode: '110101', level: 'COUNTY', kind: 'GOVERNMENT' },
  xicheng: { name: '北京市西城区商务局', regionCode: '110102', level: 'COUNTY', kind: 'DEPARTMENT' },
};

export const REPORTS: { agency: keyof typeof AGENCIES; year: number; version: FormatVersion; f: Figures }[] = [
  { agency: 'pingtan', year: 2023, version: '2021', f: { newReceived: 10, disclosed: 4, partial: 2, outcomeTotal: 10, withheldSecret: 1, carriedOver: 0, carriedForward: 3, review: [1, 4, 0], litigationDirect: [0, 2, 1], litigationAfterReview: [1, 1, 0], punishments: 100, body: '本年度我县深入推进政务公开工作，主动公开信息。' } },
  { agency: 'pingtan', year: 2024, version: '2021', f: { newReceived: 20, disclosed: 10, partial: 5, outcomeTotal: 20, withheldSecret: 2, carriedOver: 2, carriedForward: 2, review: [2, 5, 1], litigationDirect: [1, 3, 0], litigationAfterReview: [0, 2, 1], punishments: 150, body: '推进农村电商发展，电商服务站点信息全部公开。政务公开平台升级。' } },
  { agency: 'gulou', year: 2024, version: '2021', f: { newReceived: 30, disclosed: 12, partial: 3, outcomeTotal: null, withheldSecret: 5, carriedOver: 0, carriedForward: 0, review: [0, 0, 0], litigationDirect: [0, 0, 0], litigationAfterReview: [0, 0, 0], punishments: null, body: '跨境电商综合试验区建设情况已在网站公开。5G基站建设。' } },
  { agency: 'siming', year: 2024, version: '2021', f: { newReceived: 40, disclosed: 20, partial: 0, outcomeTotal: 40, withheldSecret: 4, carriedOver: 0, carriedForward: 0, review: [1, 2, 0], litigationDirect: [0, 1, 0], litigationAfterReview: [0, null, 0], punishments: 60, body: "优化营商环境，税务信息公开。用户输入 a'b & c | !d:* 不应出错。" } },
  { agency: 'dongcheng', year: 2024, version: '2021', f: { newReceived: 5, disclosed: 5, partial: 0, outcomeTotal: 5, withheldSecret: 0, carriedOver: 0, carriedForward: 0, review: [0, 1, 0], litigationDirect: [0, 0, 0], litigationAfterReview: [0, 0, 0], punishments: 10, body: '街道办事处政务 公开专栏。', title: '北京市东城区2024年政府信息公开工作年度报告' } },
  { agency: 'xicheng', year: 2020, version: '2019', f: { newReceived: 8, disclosed: 3, partial: 1, outcomeTotal: 8, withheldSecret: 0, carriedOver: 0, carriedForward: 0, review: [0, 0, 0], litigationDirect: [0, 0, 0], litigationAfterReview: [0, 0, 0], punishments: 7, body: '商务领域信息公开。' } },
];

/** An interchange report: every row of table 三 in the TOTAL column (0 unless given), other columns blank. */
export function buildReport(year: number, version: FormatVersion, f: Figures): InterchangeReport {
  const spec = formatSpec(version);
  const given: Record<string, V> = {
    NEW_RECEIVED: f.newReceived, CARRIED_OVER: f.carriedOver, DISCLOSED: f.disclosed, PARTIALLY_DISCLOSED: f.partial,
    WITHHELD_STATE_SECRET: f.withheldSecret, OUTCOME_TOTAL: f.outcomeTotal, CARRIED_FORWARD: f.carriedForward,
  };
  const applications = Object.fromEntries(
    spec.applications.rows.map((r) => [r.code, Object.fromEntries(spec.applications.applicants.map((a) => [a.code, a.code === 'TOTAL' ? (r.code in given ? given[r.code] : 0) : null]))]),
  );
  const group = ([corrected, total, pending]: [V, V, V]) => ({ UPHELD: 0, CORRECTED: corrected, OTHER: 0, PENDING: pending, TOTAL: total });
  const proactiveDisclosure: InterchangeReport['proactiveDisclosure'] = {};
  for (const g of spec.proactiveDisclosure) for (const item of g.items) proactiveDisclosure[item.code] = Object.fromEntries(g.measures.map((m) => [m.code, 0]));
  proactiveDisclosure.ADMINISTRATIVE_PUNISHMENT.DECISIONS = f.punishments;
  return {
    formatVersion: version,
    year,
    agencyName: null,
    title: f.title ?? null,
    sections: spec.sections.map((s) => ({ number: s.number, code: s.code, title: s.title, body: s.number === 1 ? f.body : `${s.title}。` })),
    proactiveDisclosure,
    applications,
    reviewsAndLitigation: {
      ADMINISTRATIVE_REVIEW: group(f.review),
      LITIGATION_WITHOUT_REVIEW: group(f.litigationDirect),
      LITIGATION_AFTER_REVIEW: group(f.litigationAfterReview),
    },
    findings: [],
  };
}

export async function loadPortalData(em: EntityManager): Promise<void> {
  for (const r of REPORTS) await storeReport(em.fork(), { report: buildReport(r.year, r.version, r.f), agency: AGENCIES[r.agency] });
}
