/**
 * How compose tells the items of a list apart where it keeps one item per identity (compose-go's
 * `EnforceUnicity`, the same list since v2.2.0). It applies the rule to each file as it reads it,
 * and again to the lists that two files or an `extends` merge.
 */

import { isComposeMap, scalarText } from './compose-map';
import { KeyPath, keyPathMatches } from './source-location';

/** The identity of a list item, or undefined for an item of a type the list does not hold. */
export type Identity = (item: unknown) => string | undefined;

/** The target of a short-syntax volume (`src:target[:mode]` or `target`). */
export function volumeTarget(text: string): string {
  const parts = text.split(':');
  return parts.length === 1 ? parts[0] : parts[1];
}

/** `KEY=value` by its key, a bare string by itself. */
const byKey: Identity = (item) => (typeof item === 'string' ? item.split('=', 1)[0] : undefined);
/** A mount (`volumes`) or a device by its target: the second field of the short syntax, else the whole text. */
const byTarget: Identity = (item) => (typeof item === 'string' ? volumeTarget(item) : isComposeMap(item) && typeof item.target === 'string' ? item.target : undefined);
/** A secret or config by its target, else the default directory and its source (`token` and `{ source: x, target: /run/secrets/token }` are one). */
const byMount = (defaultDirectory: string): Identity => (item) => {
  if (typeof item === 'string') return `${defaultDirectory}/${item}`;
  if (!isComposeMap(item)) return undefined;
  if (item.target !== undefined) return typeof item.target === 'string' ? item.target : undefined;
  return typeof item.source === 'string' ? `${defaultDirectory}/${item.source}` : undefined;
};
/** A port by its text, or by host address, published port, target and protocol. */
const byPort: Identity = (item) => {
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (!isComposeMap(item) || item.target === undefined) return undefined;
  return `${scalarText(item.host_ip ?? '0.0.0.0')}:${scalarText(item.published)}:${scalarText(item.target)}/${scalarText(item.protocol ?? 'tcp')}`;
};
/** An exposed port by its text: `80` and `"80"` are one. */
const byText: Identity = (item) => (typeof item === 'string' || typeof item === 'number' ? String(item) : undefined);
/** An env file by its path, in the short or the long form. */
const byPath: Identity = (item) => (typeof item === 'string' ? item : isComposeMap(item) && typeof item.path === 'string' ? item.path : undefined);

/**
 * The identity of the items of the list at `keyPath`, or undefined where compose keeps every item.
 * Lists not named here (`extra_hosts`, `group_add`, `security_opt`, `depends_on`, `volumes_from`,
 * ...) keep the schema's rule: a repeated item is an error, in compose too.
 */
export function identityAt(keyPath: KeyPath): Identity | undefined {
  const lists: readonly (readonly [pattern: string, identity: Identity])[] = [
    ['networks.*.labels', byKey],
    ['services.*.annotations', byKey],
    ['services.*.build.args', byKey],
    ['services.*.build.additional_contexts', byKey],
    ['services.*.build.tags', byKey],
    ['services.*.build.labels', byKey],
    ['services.*.cap_add', byKey],
    ['services.*.cap_drop', byKey],
    ['services.*.configs', byMount('')],
    ['services.*.deploy.labels', byKey],
    ['services.*.devices', byTarget],
    ['services.*.dns', byKey],
    ['services.*.dns_opt', byKey],
    ['services.*.dns_search', byKey],
    ['services.*.environment', byKey],
    ['services.*.env_file', byPath],
    ['services.*.expose', byText],
    ['services.*.labels', byKey],
    ['services.*.links', byKey],
    ['services.*.networks.*.aliases', byKey],
    ['services.*.networks.*.link_local_ips', byKey],
    ['services.*.ports', byPort],
    ['services.*.profiles', byKey],
    ['services.*.secrets', byMount('/run/secrets')],
    ['services.*.sysctls', byKey],
    ['services.*.tmpfs', byKey],
    ['services.*.volumes', byTarget],
  ];
  return lists.find(([pattern]) => keyPathMatches(pattern, keyPath))?.[1];
}

/**
 * Where each item goes when a later item replaces an earlier one with the same identity in the
 * earlier one's place, as compose keeps them: `[A, B, A]` gives `[0, 1, 0]`.
 */
export function placesByIdentity(identities: readonly string[]): number[] {
  const placeOf = new Map<string, number>();
  return identities.map((identity) => {
    const place = placeOf.get(identity) ?? placeOf.size;
    placeOf.set(identity, place);
    return place;
  });
}
