/**
 * How far V8 lets the service's heap grow between full collections. By its own measure of
 * collection speed V8 waits until the old generation is about four times what survived the last
 * one: the service keeps ~40 MB alive, yet under load it held ~180 MB between collections (resident
 * 270–290 MB). NIANBAO_HEAP_GROWING_PERCENT=100 collects when it has doubled instead (~90 MB,
 * resident ~190 MB) for ~5 more full collections a minute under load, each ~5–15 ms of a mostly
 * concurrent mark (docs/read-path.md); 0 leaves V8's own choice. Set before anything allocates
 * much; config.ts refuses a value out of range, so an invalid one is left alone here.
 */
const percent = Number(process.env.NIANBAO_HEAP_GROWING_PERCENT ?? 100);
// Not a static import: the entry's first lines must run before anything is imported (production-mode.ts).
if (Number.isInteger(percent) && percent > 0 && percent <= 1000) process.getBuiltinModule?.('node:v8').setFlagsFromString(`--heap-growing-percent=${percent}`);
