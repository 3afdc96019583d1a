/** The portal's one client: the typed SDK against this service's own endpoint. */
import { createNianbaoClient } from '@nianbao/sdk';

export const client = createNianbaoClient({ endpoint: new URL('/graphql', location.origin).href });

/** A blank is not a zero: null prints as an empty, marked cell, never as 0. */
export const BLANK = '';

export function count(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return BLANK;
  const n = typeof value === 'string' ? Number(value) : value;
  return Number.isFinite(n) ? n.toLocaleString('zh-CN', { maximumFractionDigits: 6 }) : String(value);
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Query parameters of the hash route (`#/search?q=…`). */
export function routeParams(): URLSearchParams {
  const hash = location.hash.replace(/^#/, '');
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

export function routeTo(path: string, params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** An export's URL (served by the same service, see /export in the README). */
export function exportUrl(path: string, params: Record<string, string | number | null | undefined | string[]>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((item) => query.append(k, item));
    else if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  }
  const text = query.toString();
  return `/export/${path}${text ? `?${text}` : ''}`;
}
