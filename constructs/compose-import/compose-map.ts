/** A mapping of a compose document. */
export type ComposeMap = Record<string, unknown>;

export const isComposeMap = (value: unknown): value is ComposeMap => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A scalar of a compose document as text (`5s`, `1`, `true`); anything else as JSON, never `[object Object]`. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  // JSON would show NaN as null and throw on a bigint; it shows booleans as String does.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
