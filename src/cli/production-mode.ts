/**
 * Imported first by the service's entry: libraries pick their code paths when they load, and
 * graphql-js's development checks (a realm test on every type check, ~5% of a request's CPU) are
 * for development. A NODE_ENV set by the operator is kept.
 */
process.env.NODE_ENV ??= 'production';
