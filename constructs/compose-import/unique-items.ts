import { isComposeMap, scalarText, volumeTarget } from './merge';
import { KeyPath, keyPathMatches, LocationIndex } from './source-location';

/** The identity of a list item, or undefined for an item of a type the list does not hold. */
type Identity = (item: unknown) => string | undefined;

/** `KEY=value` by its key, a bare string by itself. */
const byKey: Identity = (item) => (typeof item === 'string' ? item.split('=', 1)[0] : undefined);
/** A mount (`volumes`) or a device by its target: the second field of the short syntax, else the whole text. */
const byTarget: Identity = (item) => (typeof item === 'string' ? volumeTarget(item) : isComposeMap(item) && typeof item.target === 'string' ? item.target : undefined);
/** A secret or config by its target, else the default directory and its source. */
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
const byText: Identity = (item) => (typeof item === 'string' || typeof item === 'number' ? String(item) : undefined);
const byPath: Identity = (item) => (typeof item === 'string' ? item : isComposeMap(item) && typeof item.path === 'string' ? item.path : undefined);

/**
 * The lists in which compose keeps one item per identity, and how it tells them apart (compose-go's
 * `EnforceUnicity`, the same list since v2.2.0). Lists not named here (`extra_hosts`, `group_add`,
 * `security_opt`, `depends_on`, `volumes_from`, ...) keep the schema's rule: a repeated item is an
 * error, in compose too.
 */
function identityAt(keyPath: KeyPath): Identity | undefined {
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
 * `document` with one item per identity in the lists where compose keeps one, as compose reads a
 * file before validating it: a later item replaces an earlier one with the same identity in the
 * earlier one's place (`environment: [A=1, B=2, A=3]` is `[A=3, B=2]`; `cap_add: [NET_ADMIN,
 * NET_ADMIN]` is one). `locations` follow the items that move. A list holding an item of a type it
 * cannot identify is left as it is, for the schema to report. As in compose, only mappings are
 * searched for such lists, not the items of other lists.
 */
export function withUniqueItems(document: unknown, locations: LocationIndex, keyPath: KeyPath = []): unknown {
  if (isComposeMap(document)) {
    return Object.fromEntries(Object.entries(document).map(([key, value]) => [key, withUniqueItems(value, locations, [...keyPath, key])]));
  }
  const identity = Array.isArray(document) ? identityAt(keyPath) : undefined;
  if (!Array.isArray(document) || !identity) return document;
  const identities = document.map(identity);
  if (identities.includes(undefined)) return document;
  const kept: unknown[] = [];
  const placeOf = new Map<string | undefined, number>();
  document.forEach((item, i) => {
    const place = placeOf.get(identities[i]) ?? kept.length;
    placeOf.set(identities[i], place);
    kept[place] = item;
    // Stryker disable next-line ConditionalExpression: equivalent (copying an item's locations onto its own place changes nothing)
    if (place !== i) locations.copySubtree([...keyPath, i], [...keyPath, place], false);
  });
  return kept;
}
