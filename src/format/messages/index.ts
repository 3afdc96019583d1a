/**
 * Finding messages, rendered in one place: the rules and the parser say what they found as a code with
 * parameters (codes.ts); this module puts it in words, Chinese by default, English on request.
 */
import type { Finding } from '../interchange.js';
import type { Severity } from '../catalog.js';
import type { CodedMessage } from './codes.js';
import { en } from './en.js';
import type { Templates } from './templates.js';
import { zh } from './zh.js';

export * from './codes.js';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh';

const TEMPLATES: Record<Language, Templates> = { zh, en };

/** The message of a coded finding in a language. */
export function renderMessage(message: CodedMessage, language: Language = DEFAULT_LANGUAGE): string {
  const template = TEMPLATES[language][message.code] as (params: CodedMessage['params']) => string;
  return template(message.params);
}

/**
 * The message of a finding as stored: rendered from its code when it has one; findings stored before
 * codes existed (or imported without one) keep the words they came with.
 */
export function findingMessage(f: { code?: string | null; params?: unknown; message: string }, language: Language = DEFAULT_LANGUAGE): string {
  if (!f.code || !Object.hasOwn(zh, f.code) || f.params === null || typeof f.params !== 'object') return f.message;
  try {
    return renderMessage({ code: f.code, params: f.params } as CodedMessage, language);
  } catch {
    return f.message; // params of another shape (an older import): the stored words are still right
  }
}

/** The language asked for by an Accept-Language header: English when it prefers en, else Chinese. */
export function languageOf(acceptLanguage: string | null | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...options] = part.trim().toLowerCase().split(';');
      const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0] as Language;
    if ((LANGUAGES as readonly string[]).includes(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/** A finding with its code, parameters and message (in the default language, for the interchange JSON). */
export function codedFinding(
  rule: string,
  severity: Severity,
  message: CodedMessage,
  cells: string[],
  values: { expected?: number | null; actual?: number | null } = {},
): Finding {
  const f: Finding = { rule, severity, code: message.code, params: message.params, message: renderMessage(message), cells };
  if (values.expected !== undefined) f.expected = values.expected;
  if (values.actual !== undefined) f.actual = values.actual;
  return f;
}
