/**
 * Compose's rules for merging a service defined in several files (`-f a -f b`), or extended
 * (`extends`): mappings merge key by key, the later value wins for scalars and for the shell
 * commands (`command`, `entrypoint`, `healthcheck.test`), sequences append, then keep one item
 * per identity where compose keeps one (`identityAt`: `volumes` by target, `ports` by address,
 * port and protocol, ...), and other sequences drop repeated items. List forms of `environment`,
 * `labels`, `depends_on` and `networks` are first made mappings, as compose does.
 */

import { ComposeMap, isComposeMap } from './compose-map';
import { identityAt, placesByIdentity } from './list-identity';
import { keyPathMatches } from './source-location';

/** Keys whose later value replaces the earlier one whole, whatever its type, at any depth. */
const REPLACED_KEYS = new Set(['command', 'entrypoint', 'extends', 'profiles']);
/** Key paths whose later value replaces the earlier one whole (a health check's `test`, not a `test` of anything else). */
const REPLACED_PATHS = ['services.*.healthcheck.test'];

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
    const items = [...(base as unknown[]), ...(override as unknown[])];
    const identity = identityAt(keyPath);
    const merged: unknown[] = [];
    placesByIdentity(items.map((item) => identity?.(item) ?? JSON.stringify(item))).forEach((place, i) => (merged[place] = items[i]));
    return merged;
  }
  return override;
}
