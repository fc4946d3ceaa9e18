import { ValidationProblem } from '../errors';

/** Prefix of every name in a stack: lowercase, so derived names are valid everywhere. */
export const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** What the engine accepts as a container or network name (its own rule, 63 characters at most here). */
export const CONTAINER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
export const NETWORK_NAME_PATTERN = CONTAINER_NAME_PATTERN;
/** What the engine accepts as a volume name. */
export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
/** A service's DNS name on its networks (from its construct id): one label, with Docker's `_` allowed. */
export const SERVICE_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?$/;

/**
 * A problem with a name derived from a construct id (`<prefix>-<id>`), which the engine would
 * refuse at deploy time; reported like the same name given explicitly, with the id to change.
 */
export function derivedNameProblem(
  path: string,
  id: string,
  what: string,
  derived: string,
  pattern: RegExp,
  explicitProp: string | undefined,
): ValidationProblem | undefined {
  if (pattern.test(derived)) return undefined;
  return {
    ruleId: 'props',
    path,
    field: '(construct id)',
    value: id,
    message: `the id gives the ${what} "${derived}", which Docker refuses (${describe(pattern)})`,
    fix: `use an id of lowercase letters, digits and "-", e.g. "${suggestId(id)}"${explicitProp ? `, or give ${explicitProp} explicitly` : ''}`,
  };
}

function describe(pattern: RegExp): string {
  if (pattern === SERVICE_NAME_PATTERN) return 'a DNS name: lowercase letters, digits, "_" and "-", at most 63 characters, starting and ending with a letter or digit';
  if (pattern === VOLUME_NAME_PATTERN) return 'letters, digits, "_", "." and "-", starting with a letter or digit, at most 128 characters';
  return 'letters, digits, "_", "." and "-", starting with a letter or digit, at most 63 characters';
}

/** The id made valid: lowercase, runs of other characters as one "-". */
export function suggestId(id: string): string {
  const cleaned = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return cleaned === '' ? 'service' : cleaned;
}
