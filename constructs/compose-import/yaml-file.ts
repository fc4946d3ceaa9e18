import * as fs from 'fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
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
}

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
  const document = parseDocument(text, { merge: true, lineCounter, prettyErrors: false, uniqueKeys: true });
  const line = (offset: number | undefined): number => (offset === undefined ? 0 : lineCounter.linePos(offset).line);
  if (document.errors.length > 0) {
    throw new ValidationError(
      document.errors.map((e) => composeProblem({ file, line: line(e.pos[0]) }, [], e.code, `YAML syntax error: ${e.message.split('\n')[0]}`, 'fix the YAML at that line (indentation, quoting, a missing ":")')),
    );
  }
  const locations = new LocationIndex();
  const walk = (node: unknown, keyPath: KeyPath): void => {
    if (isAlias(node)) {
      walk(node.resolve(document), keyPath);
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        if (isScalar(keyNode) && keyNode.value === '<<') {
          // Merge keys: the merged keys are located where `<<` is written, then overridden by own keys below.
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) walk(source, keyPath);
          continue;
        }
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        locations.set([...keyPath, key], { file, line: line(keyNode?.range?.[0]) });
        walk(pair.value, [...keyPath, key]);
      }
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
  return { file, value: document.toJS({ maxAliasCount: 10_000 }) as unknown, locations };
}
