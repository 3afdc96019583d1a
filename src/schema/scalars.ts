import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const userError = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Decimals travel as strings so no digit of an amount like 4166.241619 is lost to floating point. */
function normaliseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw userError(`Decimal must be a plain decimal number like "1421" or "4166.24", got ${JSON.stringify(value)}`);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

builder.scalarType('Decimal', {
  description: 'An exact decimal number, serialised as a string (e.g. "4166.241619"); amounts in 万元 keep every printed digit.',
  serialize: (value) => normaliseDecimal(value),
  parseValue: (value) => normaliseDecimal(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return normaliseDecimal(ast.value);
    throw userError('Decimal must be a string or number literal');
  },
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw userError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD (e.g. a publication date).',
  serialize: (value) => (typeof value === 'string' ? value.slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'A moment in time, ISO 8601 in UTC (e.g. 2025-01-31T08:00:00.000Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw userError(`DateTime must be ISO 8601, got ${JSON.stringify(value)}`);
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value (used for the report interchange JSON; its shape is documented in the README).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: () => {
    throw userError('Pass JSON values as variables, not inline literals.');
  },
});
