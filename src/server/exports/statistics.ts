/**
 * `statistics` as a table: one row per group (its dimensions by name), then per measure its value,
 * the reports counted and the reports left out for a blank cell. At most MAX_GROUPS rows (the
 * aggregate refuses more), so the rows are built at once and only written as a stream.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportStatus } from '../../store/entities/index.js';
import type { ReadPool } from '../../store/read-pool.js';
import { agenciesById } from '../../store/reports/read.js';
import { loadRegions } from '../../store/services/regions-queries.js';
import { TooManyGroupsError, aggregate, type StatDimension } from '../../store/services/statistics.js';
import { ExportError, type StatisticsExportRequest } from './parameters.js';
import type { ExportValue } from './writers.js';

export interface ExportTable {
  header: string[];
  rows: ExportValue[][];
}

interface Names {
  regions: Map<string, string>;
  agencies: Map<number, string>;
}

/** Each dimension's columns: its heading (as the schema's descriptions name it) and value. */
const DIMENSION_COLUMNS: Record<StatDimension, { label: string; read: (g: Awaited<ReturnType<typeof aggregate>>['groups'][number], names: Names) => ExportValue }[]> = {
  YEAR: [{ label: '统计年度', read: (g) => g.year }],
  REGION: [
    { label: '行政区划代码', read: (g) => g.regionCode },
    { label: '行政区划', read: (g, n) => (g.regionCode ? n.regions.get(g.regionCode) : null) },
  ],
  AGENCY: [{ label: '发布机关', read: (g, n) => (g.agencyId === null ? null : n.agencies.get(g.agencyId)) }],
  AGENCY_LEVEL: [{ label: '机关层级', read: (g) => g.agencyLevel }],
  FORMAT_VERSION: [{ label: '格式', read: (g) => g.formatVersion }],
};

export async function statisticsTable(em: EntityManager, reader: ReadPool, request: StatisticsExportRequest, statuses: ReportStatus[] | undefined): Promise<ExportTable> {
  let result;
  try {
    result = await aggregate(em, { filter: request.filter, measures: request.measures, groupBy: request.groupBy, regionLevel: request.regionLevel });
  } catch (error) {
    if (error instanceof TooManyGroupsError) throw new ExportError(400, error.message);
    throw error;
  }
  const regionCodes = [...new Set(result.groups.flatMap((g) => (g.regionCode ? [g.regionCode] : [])))];
  const agencyIds = [...new Set(result.groups.flatMap((g) => (g.agencyId === null ? [] : [g.agencyId])))];
  const names: Names = {
    regions: new Map((await loadRegions(em, regionCodes)).map((r) => [r.code, r.fullName])),
    agencies: new Map((agencyIds.length ? await agenciesById(reader, agencyIds, statuses) : []).map((a) => [a.id, a.name])),
  };
  const dimensions = request.groupBy.flatMap((d) => DIMENSION_COLUMNS[d]);
  const header = [
    ...dimensions.map((d) => d.label),
    '报告数',
    ...request.measures.flatMap((m) => [m.label, `${m.label}｜计入报告数`, `${m.label}｜因空白排除报告数`]),
  ];
  const rows = result.groups.map((g) => [
    ...dimensions.map((d) => d.read(g, names) ?? null),
    g.reports,
    ...g.values.flatMap((v) => [v.value, v.counted, v.excluded]),
  ]);
  return { header, rows };
}
