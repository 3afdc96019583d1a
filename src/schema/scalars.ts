import { GraphQLError, Kind } from 'graphql';
import { plainDecimal } from '../format/index.js';
import { builder } from './builder.js';

const userError = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Decimals travel as strings so no digit of an amount like 4166.241619 is lost to floating point. */
function normaliseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw userError(`Decimal must be a plain decimal number like "1421" or "4166.24", got ${JSON.stringify(value)}`);
  return plainDecimal(text);
}

/** What the tables store (numeric(20, 6)): at most 14 digits before the point and 6 after. */
function parseDecimal(value: unknown): string {
  const text = normaliseDecimal(value);
  const [whole, fraction = ''] = text.replace(/^-/, '').split('.');
  if (whole.replace(/^0+(?=\d)/, '').length > 14 || fraction.length > 6) {
    throw userError(`Decimal must have at most 14 digits before the decimal point and 6 after, got ${JSON.stringify(value)}`);
  }
  return text;
}

builder.scalarType('Decimal', {
  description: 'An exact decimal number, serialised as a string (e.g. "4166.241619"); amounts in 万元 keep every printed digit.',
  serialize: (value) => normaliseDecimal(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw userError('Decimal must be a string or number literal');
  },
});

/** A day that exists (Date.parse turns 2024-02-30 into 1 March), in years a report can carry. */
function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  const exists = date !== null && date.toISOString().slice(0, 10) === value;
  if (!exists || Number(match![1]) < 1900 || Number(match![1]) > 2100) {
    throw userError(`Date must be a real calendar date YYYY-MM-DD between 1900 and 2100, got ${JSON.stringify(value)}`);
  }
  return value as string;
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
