/**
 * Realistic synthetic reports at national scale, for benchmarks: every county-level division of the
 * region dataset with its government and departments, five years (2020 in the 2019 format, 2021–
 * 2024 in the 2021 format). Counts satisfy R1–R4 and carry over between years (X1), except for a
 * few deliberate violations and blanks, which come with the findings the rules would report.
 * Pure and seeded: the same options give the same rows.
 */
import { seededRandom as rng } from '../../src/store/services/seeded-random.js';
import { formatSpec, type FormatVersion } from '../../src/format/index.js';
import type { RegionRow } from '../../src/store/services/regions-sync.js';

export interface SyntheticOptions {
  regions: RegionRow[];
  /** Share of county-level divisions to cover (1 = all of them). */
  countyFraction: number;
  departmentsPerCounty: number;
  years: number[];
  seed: number;
}

const DEPARTMENTS = ['发展和改革局', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康局', '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '城市管理局', '行政审批服务局', '信访局', '数据资源局', '乡村振兴局'];
const PHRASES = ['深入推进政务公开标准化规范化建设', '围绕优化营商环境主动公开政策文件', '推进农村电商发展，公开电商扶持资金使用情况', '依申请公开办理质量进一步提升', '加强政府信息公开平台建设', '做好政策解读和回应关切', '公开行政许可和行政处罚信息', '落实重大建设项目信息公开', '推进基层政务公开标准目录编制', '加强政府网站和政务新媒体管理', '公开财政预决算和“三公”经费', '做好义务教育、养老服务领域信息公开', '跨境电商综合试验区政策公开', '推进公共资源配置领域信息公开', '加强个人信息保护和保密审查', '完善政务公开工作考核机制', '5G基站建设和数字政府建设情况', '做好乡村振兴领域政策发布'];

export interface SyntheticAgency { id: number; name: string; regionCode: string; regionName: string; level: 'COUNTY'; kind: 'GOVERNMENT' | 'DEPARTMENT' }
export interface SyntheticReport { id: number; agencyId: number; year: number; formatVersion: FormatVersion; title: string }
export interface SyntheticBatch {
  agencies: SyntheticAgency[];
  reports: SyntheticReport[];
  /** report id, row code, then the applicant columns in catalog order */
  applicationRows: [number, string, ...(number | null)[]][];
  reviewRows: [number, string, ...(number | null)[]][];
  disclosureCells: [number, string, string, number | null][];
  sections: [number, number, string, string, string][];
  findings: [number, string, 'ERROR' | 'WARNING', string, string][];
}

export const versionFor = (year: number): FormatVersion => (year >= 2021 ? '2021' : '2019');

/** Outcome-row weights: most applications are disclosed; refusals are rare. */
function outcomeWeight(code: string): number {
  if (code === 'DISCLOSED') return 0.5;
  if (code === 'PARTIALLY_DISCLOSED') return 0.1;
  if (code.startsWith('UNAVAILABLE_NOT_HELD')) return 0.12;
  return 0.02;
}

/** The county-level divisions covered, then the agencies and reports, one county at a time. */
export function* syntheticBatches(options: SyntheticOptions, countiesPerBatch = 20): Generator<SyntheticBatch> {
  const random = rng(options.seed);
  const counties = options.regions.filter((r) => r.level === 'COUNTY').filter(() => random() < options.countyFraction);
  let agencyId = 0;
  let reportId = 0;
  for (let start = 0; start < counties.length; start += countiesPerBatch) {
    const batch: SyntheticBatch = { agencies: [], reports: [], applicationRows: [], reviewRows: [], disclosureCells: [], sections: [], findings: [] };
    for (const county of counties.slice(start, start + countiesPerBatch)) {
      const names = [`${county.name}人民政府`, ...DEPARTMENTS.slice(0, options.departmentsPerCounty).map((d) => `${county.name}${d}`)];
      for (const [i, name] of names.entries()) {
        const agency: SyntheticAgency = { id: ++agencyId, name, regionCode: county.code, regionName: county.fullName, level: 'COUNTY', kind: i === 0 ? 'GOVERNMENT' : 'DEPARTMENT' };
        batch.agencies.push(agency);
        const scale = i === 0 ? 120 : 2 + random() * 30;
        let carried: number[] | null = null;
        for (const year of options.years) {
          carried = addReport(batch, agency, year, ++reportId, scale, carried, random);
        }
      }
    }
    yield batch;
  }
}

function addReport(batch: SyntheticBatch, agency: SyntheticAgency, year: number, id: number, scale: number, previousForward: number[] | null, random: () => number): number[] {
  const version = versionFor(year);
  const spec = formatSpec(version);
  batch.reports.push({ id, agencyId: agency.id, year, formatVersion: version, title: `${agency.name}${year}年政府信息公开工作年度报告` });
  const applicants = spec.applications.applicants.map((a) => a.code).filter((c) => c !== 'TOTAL');
  const rows = spec.applications.rows.map((r) => r.code);
  const outcomes = rows.slice(rows.indexOf('CARRIED_OVER') + 1, rows.indexOf('OUTCOME_TOTAL'));
  const share = [0.8, 0.12, 0.01, 0.01, 0.04, 0.02];
  const table = new Map<string, number[]>(rows.map((r) => [r, applicants.map(() => 0)]));
  applicants.forEach((_, c) => {
    const n = Math.round(scale * share[c] * (0.5 + random()));
    let left = n;
    for (const row of outcomes) {
      if (row === 'DISCLOSED') continue;
      const k = Math.min(left, Math.floor(n * outcomeWeight(row) * 2 * random()));
      table.get(row)![c] = k;
      left -= k;
    }
    table.get('DISCLOSED')![c] = left;
    table.get('OUTCOME_TOTAL')![c] = n;
    const over = previousForward ? previousForward[c] : Math.floor(random() * 3);
    let forward = Math.floor(random() * random() * 4);
    let received = n + forward - over;
    if (received < 0) { forward -= received; received = 0; }
    table.get('CARRIED_OVER')![c] = over;
    table.get('CARRIED_FORWARD')![c] = forward;
    table.get('NEW_RECEIVED')![c] = received;
  });
  const forward = table.get('CARRIED_FORWARD')!.slice();
  const values = new Map<string, (number | null)[]>([...table].map(([row, cells]) => [row, [...cells, cells.reduce((s, v) => s + v, 0)]]));
  const roll = random();
  const cell = (row: string) => `applications.${row}.TOTAL`;
  if (roll < 0.01) {
    // R1 broken: the new-received total misprinted.
    values.get('NEW_RECEIVED')![applicants.length]! += 1;
    batch.findings.push([id, 'R1', 'ERROR', '一、本年新收 + 二、上年结转 ≠ （七）总计 + 四、结转下年度（总计）', cell('NEW_RECEIVED')]);
  } else if (roll < 0.02 && previousForward && values.get('NEW_RECEIVED')![0]! > 0) {
    // X1 broken: last year's carried-forward not carried over (R1 still holds).
    const v = values.get('CARRIED_OVER')!;
    v[0]! += 1; v[applicants.length]! += 1;
    values.get('NEW_RECEIVED')![0]! -= 1; values.get('NEW_RECEIVED')![applicants.length]! -= 1;
    batch.findings.push([id, 'X1', 'WARNING', '二、上年结转政府信息公开申请数量 ≠ 上年 四、结转下年度继续办理', cell('CARRIED_OVER')]);
  } else if (roll < 0.04) {
    // A blank total (B1): the portal must not read it as 0.
    values.get('OUTCOME_TOTAL')![applicants.length] = null;
    batch.findings.push([id, 'B1', 'WARNING', '（七）总计 printed blank', cell('OUTCOME_TOTAL')]);
  }
  for (const [row, cells] of values) batch.applicationRows.push([id, row, ...cells]);
  for (const group of spec.reviewsAndLitigation.groups) {
    const o = [random() < 0.3 ? 1 : 0, random() < 0.15 ? 1 : 0, 0, random() < 0.1 ? 1 : 0].map((x) => x * Math.ceil(scale / 40));
    batch.reviewRows.push([id, group.code, ...o, o.reduce((s, v) => s + v, 0)]);
  }
  for (const g of spec.proactiveDisclosure) {
    for (const item of g.items) for (const m of g.measures) batch.disclosureCells.push([id, item.code, m.code, Math.floor(random() * scale * 3)]);
  }
  for (const s of spec.sections) {
    const body = Array.from({ length: 2 + Math.floor(random() * 3) }, () => PHRASES[Math.floor(random() * PHRASES.length)]).join('，');
    batch.sections.push([id, s.number, s.code, s.title, s.number === 1 ? `${year}年，${agency.name}${body}。` : `${body}。`]);
  }
  return forward;
}
