/**
 * What a field costs in the complexity budget (builder.ts: 250,000 per request). Most fields cost 1
 * (times 10 inside a list); a field that runs an aggregate over many reports or a full-text search
 * costs a sizeable share of the budget, so one request holds at most a handful of them.
 */
export const COMPLEXITY_LIMIT = 250_000;

/** statistics, ranking, search: one heavy SQL statement each. */
export const AGGREGATE_COST = 40_000;
/** timeSeries, findingReports: narrower aggregates (one agency or region, or indexed findings). */
export const NARROW_AGGREGATE_COST = 20_000;
/** nodes(ids:) costs per ID; it takes at most MAX_NODE_IDS. */
export const NODE_ID_COST = 100;
export const MAX_NODE_IDS = 100;

/** Root fields that take one of the few expensive-operation slots (src/server/expensive-gate.ts). */
export const EXPENSIVE_ROOT_FIELDS: ReadonlySet<string> = new Set(['statistics', 'ranking', 'timeSeries', 'findingReports', 'search', 'nodes']);
/** Report.comparison: two reports' tables and sections, and a sentence diff of each part (CPU, not SQL). */
export const COMPARISON_COST = 2_000;
