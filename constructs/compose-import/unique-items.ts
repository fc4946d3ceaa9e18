import { isComposeMap } from './compose-map';
import { identityAt, placesByIdentity } from './list-identity';
import { KeyPath, LocationIndex } from './source-location';

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
  if (!identities.every((id): id is string => id !== undefined)) return document;
  const kept: unknown[] = [];
  placesByIdentity(identities).forEach((place, i) => {
    kept[place] = document[i];
    // Stryker disable next-line ConditionalExpression: equivalent (copying an item's locations onto its own place changes nothing)
    if (place !== i) locations.copySubtree([...keyPath, i], [...keyPath, place], false);
  });
  return kept;
}
