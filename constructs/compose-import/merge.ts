/**
 * Compose's rules for merging a service defined in several files (`-f a -f b`), or extended
 * (`extends`): mappings merge key by key, the later value wins for scalars and for the shell
 * commands (`command`, `entrypoint`, `healthcheck.test`), sequences of unique resources merge
 * by their identity (`ports`, `volumes` by target, `secrets`/`configs` by target), and other
 * sequences append without duplicates. List forms of `environment`, `labels`, `depends_on` and
 * `networks` are first made mappings, as compose does.
 */

import { keyPathMatches } from './source-location';

/** A mapping of a compose document. */
export type ComposeMap = Record<string, unknown>;

export const isComposeMap = (value: unknown): value is ComposeMap => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys whose later value replaces the earlier one whole, whatever its type, at any depth. */
const REPLACED_KEYS = new Set(['command', 'entrypoint', 'extends', 'profiles']);
/** Key paths whose later value replaces the earlier one whole (a health check's `test`, not a `test` of anything else). */
const REPLACED_PATHS = ['services.*.healthcheck.test'];

/** The identity of an item of a sequence of unique resources, by the sequence's key. */
const IDENTITY: Readonly<Record<string, (item: unknown) => string>> = {
  ports: (item) => JSON.stringify(item),
  volumes: (item) => (isComposeMap(item) ? String(item.target) : volumeTarget(String(item))),
  secrets: mountIdentity('/run/secrets'),
  configs: mountIdentity(''),
  env_file: (item) => (isComposeMap(item) ? String(item.path) : String(item)),
};

/**
 * A secret's or config's identity, as compose keys them: the target as written, else the
 * default directory and the source (`token` and `{ source: x, target: /run/secrets/token }` are one).
 */
function mountIdentity(defaultDirectory: string): (item: unknown) => string {
  return (item) => (isComposeMap(item) ? (item.target !== undefined ? scalarText(item.target) : `${defaultDirectory}/${scalarText(item.source)}`) : `${defaultDirectory}/${scalarText(item)}`);
}

/** The target of a short-syntax volume (`src:target[:mode]` or `target`). */
export function volumeTarget(text: string): string {
  const parts = text.split(':');
  return parts.length === 1 ? parts[0] : parts[1];
}

/** `KEY=value` list items as a mapping (`KEY` alone maps to null, read from the environment later). */
export function listToMap(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const map: ComposeMap = {};
  for (const item of value) {
    const text = String(item);
    const eq = text.indexOf('=');
    if (eq < 0) map[text] = null;
    else map[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return map;
}

/** A service with the list forms compose treats as mappings made mappings. */
export function normalizeService(service: ComposeMap): ComposeMap {
  const out: ComposeMap = { ...service };
  for (const key of ['environment', 'labels']) if (Array.isArray(out[key])) out[key] = listToMap(out[key]);
  if (Array.isArray(out.depends_on)) out.depends_on = Object.fromEntries((out.depends_on as unknown[]).map((d) => [String(d), { condition: 'service_started', required: true }]));
  if (Array.isArray(out.networks)) out.networks = Object.fromEntries((out.networks as unknown[]).map((n) => [String(n), null]));
  if (typeof out.env_file === 'string') out.env_file = [out.env_file];
  if (typeof out.build === 'string') out.build = { context: out.build };
  if (isComposeMap(out.build) && Array.isArray(out.build.args)) out.build = { ...out.build, args: listToMap(out.build.args) };
  return out;
}

/** `override` merged onto `base`, as compose merges a later file or an extending service. */
export function mergeValues(base: unknown, override: unknown, keyPath: readonly string[] = []): unknown {
  // Stryker disable next-line StringLiteral: equivalent (no rule is keyed by the top level's key)
  const key = keyPath[keyPath.length - 1] ?? '';
  if (override === undefined) return base;
  if (REPLACED_KEYS.has(key) || REPLACED_PATHS.some((pattern) => keyPathMatches(pattern, keyPath))) return override;
  if (isComposeMap(base) && isComposeMap(override)) {
    const out: ComposeMap = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = k in base ? mergeValues(base[k], v, [...keyPath, k]) : v;
    return out;
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    const identity = IDENTITY[key] ?? ((item: unknown) => JSON.stringify(item));
    const merged = new Map<string, unknown>();
    for (const item of [...(base as unknown[]), ...(override as unknown[])]) merged.set(identity(item), item);
    return [...merged.values()];
  }
  return override;
}

/** A scalar of a compose document as text (`5s`, `1`, `true`); anything else as JSON, never `[object Object]`. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
