/** node-postgres's own conversion of a bound value to its text form (arrays as '{…}'), untyped by @types/pg. */
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): unknown;
}
