import { ValidationProblem } from '../errors';

/** Longest container, network or service (DNS) name: one DNS label, as the engine's resolver serves them. */
export const NAME_MAX_LENGTH = 63;
/** Longest volume name accepted here. */
export const VOLUME_NAME_MAX_LENGTH = 128;

/** Prefix of every name in a stack: lowercase, so derived names are valid everywhere. */
export const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** What the engine accepts as a container or network name (its own rule, 63 characters at most here). */
export const CONTAINER_NAME_PATTERN = new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,${NAME_MAX_LENGTH - 1}}$`);
export const NETWORK_NAME_PATTERN = CONTAINER_NAME_PATTERN;
/** What the engine accepts as a volume name. */
export const VOLUME_NAME_PATTERN = new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,${VOLUME_NAME_MAX_LENGTH - 1}}$`);
/** A Terraform variable name that can be set through the `TF_VAR_<name>` environment variable. */
export const TERRAFORM_VARIABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A service's DNS name on its networks (from its construct id): one label, with Docker's `_` allowed. */
export const SERVICE_NAME_PATTERN = new RegExp(`^[a-z0-9](?:[a-z0-9_-]{0,${NAME_MAX_LENGTH - 2}}[a-z0-9])?$`);

/**
 * A problem with a name derived from a construct id (`<prefix>-<id>`, or the volume's path
 * below the stack), reported like the same name given explicitly: the id to change, a
 * suggestion that fits the room the rest of the name leaves, and the prop that overrides it.
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
  const maxLength = pattern === VOLUME_NAME_PATTERN ? VOLUME_NAME_MAX_LENGTH : NAME_MAX_LENGTH;
  const own = id.toLowerCase();
  // The room the rest of the name (the stack prefix, enclosing construct ids) leaves this id.
  const room = derived.endsWith(own) ? maxLength - (derived.length - own.length) : maxLength;
  const suggestion = suggestId(id, Math.min(room, 40), fallbackId(what));
  // A clean id that fits means the fault is elsewhere: an enclosing construct's id.
  const idAtFault = suggestion !== own || !derived.endsWith(own);
  const fixes = [
    idAtFault && room > 0 ? `use ${derived.length > maxLength ? 'a shorter id' : 'an id'} of lowercase letters, digits and "-", e.g. "${suggestion}"` : undefined,
    idAtFault ? undefined : 'rename the enclosing constructs with lowercase letters, digits and "-"',
    explicitProp ? `give ${explicitProp} explicitly` : undefined,
  ].filter((f): f is string => f !== undefined);
  if (fixes.length === 0) fixes.push('shorten the ids of the enclosing constructs');
  return {
    ruleId: 'props',
    path,
    field: '(construct id)',
    value: id,
    message: `the id gives the ${what} "${derived}", which is not valid (${describe(pattern, maxLength)})`,
    fix: fixes.join(', or '),
  };
}

function describe(pattern: RegExp, maxLength: number): string {
  if (pattern === SERVICE_NAME_PATTERN) return `a DNS name: lowercase letters, digits, "_" and "-", at most ${maxLength} characters, starting and ending with a letter or digit`;
  return `letters, digits, "_", "." and "-", starting with a letter or digit, at most ${maxLength} characters`;
}

function fallbackId(what: string): string {
  if (what.startsWith('network')) return 'network';
  if (what.startsWith('volume')) return 'data';
  return 'service';
}

/** The id made valid: lowercase, runs of other characters as one "-", at most `maxLength` characters. */
export function suggestId(id: string, maxLength = 40, fallback = 'service'): string {
  const cleaned = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // One "-" at most at either end: the replace above made every run one "-".
    .replace(/^-|-$/g, '')
    .slice(0, Math.max(maxLength, 1))
    .replace(/-$/, '');
  return cleaned === '' ? fallback.slice(0, Math.max(maxLength, 1)) : cleaned;
}
