/**
 * GB/T 2260 codes: two digits province, two prefecture, two county. A code with trailing zero pairs
 * (350000, 350100) stands for the whole province or prefecture, so a filter matches its prefix.
 */
export function regionPrefix(code: string): string {
  const digits = code.trim();
  if (!/^\d{2}(\d{2}){0,2}$/.test(digits)) {
    throw new RangeError(`"${code}" is not a GB/T 2260 region code: expected 2, 4 or 6 digits, e.g. 35, 3501 or 350128`);
  }
  if (digits.length < 6) return digits;
  if (digits.endsWith('0000')) return digits.slice(0, 2);
  if (digits.endsWith('00')) return digits.slice(0, 4);
  return digits;
}
