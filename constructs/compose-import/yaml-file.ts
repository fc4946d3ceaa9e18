import * as fs from 'fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, Tags } from 'yaml';
import { ValidationError } from '../errors';
import { composeProblem, KeyPath, LocationIndex } from './source-location';

/** A compose file read from disk: its plain value and where each key was written. */
export interface YamlFile {
  /** Absolute path. */
  readonly file: string;
  /** The document, anchors and merge keys (`<<`) resolved. */
  readonly value: unknown;
  /** Line of every key path. */
  readonly locations: LocationIndex;
  /**
   * Key paths tagged `!reset`: removed from what earlier files (or an extended service) set
   * before this file merges onto it. The key itself is left out of `value`.
   */
  readonly resets: readonly KeyPath[];
  /** Key paths tagged `!override`: removed from what earlier files (or an extended service) set, so this file's value replaces it whole. */
  readonly overrides: readonly KeyPath[];
}

/** Compose's merge tags, on a mapping, a sequence or a scalar: a mapping or a sequence reads as untagged, a scalar as text. */
export const MERGE_TAGS: Tags = ['!reset', '!override'].flatMap((tag) => [
  { tag, collection: 'map' as const, resolve: (value: Node) => value },
  { tag, collection: 'seq' as const, resolve: (value: Node) => value },
  // A tagged scalar is text, as compose 2.26 reads it (`!override 5` is "5", a bare `!override`
  // is ""); typed keys then read the text as they read an interpolated value.
  { tag, resolve: (text: string): string => text },
]);

/**
 * Reads a YAML file as compose does (YAML 1.2 core schema with `<<` merge keys). A syntax
 * error, a duplicate key or an unreadable file is a ValidationError naming file and line.
 */
export function readYamlFile(file: string, readFrom: { readonly keyPath: KeyPath; readonly location?: { file: string; line: number } } = { keyPath: [] }): YamlFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ValidationError([
      composeProblem(readFrom.location ?? { file, line: 0 }, readFrom.keyPath, file, `cannot read the compose file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'give the path of an existing, readable file (relative paths are resolved against the directory of the file that names them)'),
    ]);
  }
  return parseYaml(file, text);
}

/** Parses compose YAML text; `file` names it in errors and locations. */
export function parseYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { merge: true, lineCounter, prettyErrors: false, uniqueKeys: true, customTags: MERGE_TAGS });
  const line = (offset: number | undefined): number => (offset === undefined ? 0 : lineCounter.linePos(offset).line);
  if (document.errors.length > 0) {
    throw new ValidationError(
      document.errors.map((e) => composeProblem({ file, line: line(e.pos[0]) }, [], e.code, `YAML syntax error: ${e.message.split('\n')[0]}`, 'fix the YAML at that line (indentation, quoting, a missing ":")')),
    );
  }
  const locations = new LocationIndex();
  const resets: KeyPath[] = [];
  const overrides: KeyPath[] = [];
  const walk = (node: unknown, keyPath: KeyPath): void => {
    if (isAlias(node)) {
      walk(node.resolve(document), keyPath);
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        // The yaml package reads a plain `<<` (with merge on) as a symbol; a quoted "<<" is a plain key.
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          // Merge keys: the merged keys are located where the merged mapping writes them, then own keys below override them.
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) walk(source, keyPath);
          continue;
        }
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        locations.set([...keyPath, key], { file, line: line(keyNode?.range?.[0]) });
        const tag = (pair.value as Node | null)?.tag;
        if (tag === '!override') overrides.push([...keyPath, key]);
        if (tag === '!reset') resets.push([...keyPath, key]);
        else walk(pair.value, [...keyPath, key]);
      }
      // A `!reset` key has no value of its own: what a `<<` merge key gives it stays, as in compose.
      node.items = node.items.filter((pair) => !(isPair(pair) && (pair.value as Node | null)?.tag === '!reset'));
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const range = (item as Node | null)?.range;
        locations.set([...keyPath, index], { file, line: line(range?.[0]) });
        walk(item, [...keyPath, index]);
      });
    }
  };
  locations.set([], { file, line: 1 });
  walk(document.contents, []);
  return { file, value: document.toJS({ maxAliasCount: 10_000 }) as unknown, locations, resets, overrides };
}
