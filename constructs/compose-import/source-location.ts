import { ValidationError, ValidationProblem } from '../errors';

/** Where a value of a compose file was written. */
export interface SourceLocation {
  /** The file, as given (absolute once loaded). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** A key path inside a compose document: `['services', 'api', 'ports', 0]`. */
export type KeyPath = readonly (string | number)[];

/**
 * Whether `keyPath` is one of the paths `pattern` names: its parts split by `.`, where `*` matches
 * any key or list index and `[]` a list index (`services.*.ports.[].target`).
 */
export function keyPathMatches(pattern: string, keyPath: KeyPath): boolean {
  const parts = pattern.split('.');
  return parts.length === keyPath.length && parts.every((part, i) => part === '*' || (part === '[]' ? typeof keyPath[i] === 'number' : part === keyPath[i]));
}

/** `services.api.ports[0]`: how an error names a key path. */
export function formatKeyPath(keyPath: KeyPath): string {
  return keyPath.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** `file:line`, as editors and terminals link it. */
export function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}` : '(unknown location)';
}

/**
 * Where each key path of a loaded project was written. A key that a merge key, `extends` or an
 * earlier file brought in is found through the nearest enclosing path that has a location.
 */
export class LocationIndex {
  private readonly entries = new Map<string, SourceLocation>();

  /** Records where `keyPath` was written (a later file overrides an earlier one). */
  set(keyPath: KeyPath, location: SourceLocation): void {
    this.entries.set(JSON.stringify(keyPath), location);
  }

  /** Where `keyPath` (or the nearest enclosing key) was written. */
  find(keyPath: KeyPath): SourceLocation | undefined {
    for (let n = keyPath.length; n >= 0; n -= 1) {
      const found = this.entries.get(JSON.stringify(keyPath.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }

  /** Copies every location under `from` (in `source`: this index, or another file's) to the same key below `to` (extends: the base's keys). */
  copySubtree(from: KeyPath, to: KeyPath, onlyMissing: boolean, source: LocationIndex = this): void {
    const prefix = JSON.stringify(from).slice(0, -1);
    for (const [key, location] of [...source.entries]) {
      if (key !== JSON.stringify(from) && !key.startsWith(`${prefix},`)) continue;
      const rest = (JSON.parse(key) as (string | number)[]).slice(from.length);
      const target = JSON.stringify([...to, ...rest]);
      if (onlyMissing && this.entries.has(target)) continue;
      this.entries.set(target, location);
    }
  }

  /** Adds every entry of `other` (an included or later file). */
  addAll(other: LocationIndex): void {
    for (const [key, location] of other.entries) this.entries.set(key, location);
  }
}

/** One problem with a compose file, named by `file:line` and key path. */
export function composeProblem(location: SourceLocation | undefined, keyPath: KeyPath, value: unknown, message: string, fix: string, ruleId = 'compose'): ValidationProblem {
  return { ruleId, path: formatLocation(location), field: formatKeyPath(keyPath) || '(document)', value, message, fix };
}

/** Throws one ValidationError for `problems`, if there are any. */
export function throwIfProblems(problems: readonly ValidationProblem[]): void {
  if (problems.length > 0) throw new ValidationError(problems);
}
