/**
 * What makes a secret weak, in one place for both checks: the synth-time rule (CDS-SECRET-WEAK,
 * in TypeScript) and the deploy-time validation of a `Secret.fromVariable` (in Terraform). The
 * two normalise a value the same way, so neither lets through a spelling the other refuses.
 */

/** Values that must never be used as a secret: the seeds' defaults and common placeholders. */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = [
  'mnemopass',
  'default_api_key',
  'change-me-in-production',
  'changeme',
  'change-me',
  'password',
  'postgres',
  'secret',
  'admin',
  'votre_mot_de_passe_securise',
];

/**
 * A value as it is compared with the known defaults: lowercase, letters and digits only. A
 * default copied with a trailing newline, in capitals, or with `_`, spaces or dots for `-` is
 * still the default (`Change_Me In-Production\n` is `changemeinproduction`). Terraform holds
 * every string in Unicode NFC (`e` + combining accent is `é`), so the value is taken in NFC first.
 */
export function normaliseSecret(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Stryker disable next-line ObjectLiteral: equivalent ("grapheme" is the default granularity), written out for the reader
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The length of `value` as the Terraform condition measures it, `length(trimspace(...))` of the
 * value in NFC: surrounding blanks (Unicode White_Space, as Go's TrimSpace) left out, and
 * user-perceived characters counted (an emoji, an accented letter or a CRLF is one), not
 * UTF-16 code units.
 */
export function secretLength(value: string): number {
  return [...GRAPHEMES.segment(value.normalize('NFC').replace(/^\p{White_Space}+|\p{White_Space}+$/gu, ''))].length;
}

const NORMALISED_DEFAULTS: readonly string[] = [...new Set(KNOWN_DEFAULT_SECRETS.map(normaliseSecret))];

/** Whether `value` is a known default, whatever its case, separators and surrounding blanks. */
export function isKnownDefault(value: string): boolean {
  return NORMALISED_DEFAULTS.includes(normaliseSecret(value));
}

/** Whether a known default appears anywhere in `value` once normalised (`my-change-me-token`). */
export function containsKnownDefault(value: string): boolean {
  const normalised = normaliseSecret(value);
  return NORMALISED_DEFAULTS.some((known) => normalised.includes(known));
}

/**
 * The Terraform condition refusing what the rule refuses: fewer than `minLength` characters
 * once trimmed, or a known default once normalised. `replace` with a `/.../` pattern is
 * Terraform's regular-expression form; `lower` then the pattern mirror normaliseSecret.
 */
export function terraformStrengthCondition(reference: string, minLength: number): string {
  return `length(trimspace(${reference})) >= ${minLength} && !contains(${JSON.stringify(NORMALISED_DEFAULTS)}, replace(lower(${reference}), "/[^a-z0-9]/", ""))`;
}
