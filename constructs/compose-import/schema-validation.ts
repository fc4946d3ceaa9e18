import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import schema from './compose-spec/compose-spec.json';
import { composeProblem, KeyPath, LocationIndex } from './source-location';
import { ValidationProblem } from '../errors';
import { wordList } from '../private/word-list';

let compiled: ValidateFunction | undefined;

/** The vendored compose-spec schema, compiled once (draft 2020-12, as the schema declares). */
function validator(): ValidateFunction {
  // strict: false, as compose-go itself: the schema uses keywords (deprecated, format names) ajv's strict mode rejects.
  // verbose: errors carry their parentSchema, which declaresKey reads.
  // validateFormats: false keeps ajv from warning about the schema's formats it does not know (it
  // knows none without ajv-formats, so checking them would change nothing).
  // Stryker disable next-line BooleanLiteral: equivalent (ajv has no format of the schema to check)
  compiled ??= new Ajv2020({ allErrors: true, strict: false, validateFormats: false, verbose: true }).compile(schema);
  return compiled;
}

/**
 * `/services/api/ports/0` as a key path into `document`, with the value it reaches: a list index is
 * a number, a mapping key text even when it is all digits (a service named `12`), as the file's
 * locations record them. Every step of a schema error's path exists in the document.
 */
function keyPathOf(error: ErrorObject, document: unknown): { readonly keyPath: KeyPath; readonly value: unknown } {
  const keyPath: (string | number)[] = [];
  let value = document;
  for (const encoded of error.instancePath.split('/').slice(1)) {
    const key = encoded.replace(/~1/g, '/').replace(/~0/g, '~');
    keyPath.push(Array.isArray(value) ? Number(key) : key);
    value = (value as Record<string, unknown>)[key];
  }
  return { keyPath, value };
}

/** One schema error, at the key path it names: an unknown key's own path, not its parent's. */
interface Finding {
  readonly error: ErrorObject;
  readonly keyPath: KeyPath;
  /** The unknown key, for an `additionalProperties` or `unevaluatedProperties` error. */
  readonly unknownKey: string | undefined;
  /** The value at `keyPath`. */
  readonly value: unknown;
}

const ALTERNATIVES = new Set(['oneOf', 'anyOf']);

/**
 * Every place where a file (after interpolation) breaks the compose-spec schema, named by file,
 * line and key path. Of the alternatives of a `oneOf` only the errors at the deepest key paths
 * are kept (the alternative the file meant got furthest), and alternatives that each want
 * another type at one key make one problem: `command: 5` "must be null, string or array".
 */
export function schemaProblems(document: unknown, locations: LocationIndex): ValidationProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  // Stryker disable next-line ArrayDeclaration: equivalent (ajv sets errors whenever validate returns false)
  const findings = (validate.errors ?? []).map((error) => findingOf(error, document)).filter((f) => !isCascade(f));
  const samePlace = (a: Finding, b: Finding): boolean => a.error.instancePath === b.error.instancePath;
  const deepest = findings.filter((f) => !ALTERNATIVES.has(f.error.keyword) && !findings.some((o) => isBelow(o.keyPath, f.keyPath)));
  // At a oneOf, a value of one alternative's type fails the others by type only: when one
  // alternative failed otherwise here (`extends: {}` lacks `service`), that is the one meant.
  const atAlternatives = (f: Finding): boolean => findings.some((o) => ALTERNATIVES.has(o.error.keyword) && samePlace(o, f));
  const failedOtherwise = (f: Finding): boolean => deepest.some((o) => o.error.keyword !== 'type' && samePlace(o, f));
  const typeRuledOut = (f: Finding): boolean => f.error.keyword === 'type' && atAlternatives(f) && failedOtherwise(f);
  const meant = deepest.filter((f) => !typeRuledOut(f));
  const groups = new Map<string, Finding[]>();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (ajv reports the failing alternatives with every oneOf, so some finding is the deepest); kept so that no invalid file passes
  for (const finding of meant.length > 0 ? meant : findings) {
    const id = `${JSON.stringify(finding.keyPath)}|${finding.error.keyword}`;
    groups.set(id, [...(groups.get(id) ?? []), finding]);
  }
  return [...groups.values()].map((group) => {
    const [{ keyPath, unknownKey, value }] = group;
    if (unknownKey !== undefined) {
      return composeProblem(locations.find(keyPath), keyPath, value, `"${unknownKey}" is not a key the compose specification knows here`, 'remove the key or fix its spelling (see https://compose-spec.io)');
    }
    // Several alternatives failed here: name the oneOf/anyOf that holds them.
    const holder = group.length > 1 ? findings.find((f) => ALTERNATIVES.has(f.error.keyword) && samePlace(f, group[0])) : undefined;
    const message = `${messageOf(group)} (compose-spec schema, ${(holder ?? group[0]).error.schemaPath})`;
    return composeProblem(locations.find(keyPath), keyPath, value, message, 'write the value as the compose specification describes it');
  });
}

function findingOf(error: ErrorObject, document: unknown): Finding {
  const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
  const unknownKey = error.keyword === 'additionalProperties' ? params.additionalProperty : error.keyword === 'unevaluatedProperties' ? params.unevaluatedProperty : undefined;
  const { keyPath, value } = keyPathOf(error, document);
  if (unknownKey === undefined) return { error, unknownKey, keyPath, value };
  return { error, unknownKey, keyPath: [...keyPath, unknownKey], value: (value as Record<string, unknown>)[unknownKey] };
}

/**
 * Whether `finding` only follows from another error: when one property of an object fails, the
 * draft 2020-12 `unevaluatedProperties` of that object counts every property it declares as
 * unevaluated, valid ones too (`image` "is not a key" beside a bad `command`).
 */
function isCascade(finding: Finding): boolean {
  return finding.error.keyword === 'unevaluatedProperties' && finding.unknownKey !== undefined && declaresKey(finding.error.parentSchema, finding.unknownKey, 0);
}

interface SchemaNode {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly patternProperties?: Readonly<Record<string, unknown>>;
  readonly allOf?: readonly unknown[];
  readonly anyOf?: readonly unknown[];
  readonly oneOf?: readonly unknown[];
}

const DEFINITIONS = (schema as { $defs: Readonly<Record<string, unknown>> }).$defs;

/**
 * Whether the object schema `node`, with its `allOf`/`anyOf`/`oneOf` parts and `$ref`s (to
 * `#/$defs/`, at most 8 deep), declares `key` by name or pattern.
 */
export function declaresKey(node: unknown, key: string, depth: number): boolean {
  if (typeof node !== 'object' || node === null || depth > 8) return false;
  const part = node as SchemaNode;
  if (part.$ref?.startsWith('#/$defs/') && declaresKey(DEFINITIONS[part.$ref.slice('#/$defs/'.length)], key, depth + 1)) return true;
  if (part.properties && Object.prototype.hasOwnProperty.call(part.properties, key)) return true;
  if (Object.keys(part.patternProperties ?? {}).some((pattern) => new RegExp(pattern, 'u').test(key))) return true;
  return [...(part.allOf ?? []), ...(part.anyOf ?? []), ...(part.oneOf ?? [])].some((inner) => declaresKey(inner, key, depth + 1));
}

/** Whether `inner` lies strictly below `outer`. */
function isBelow(inner: KeyPath, outer: KeyPath): boolean {
  return inner.length > outer.length && outer.every((part, i) => inner[i] === part);
}

/** One message for errors of one keyword at one key: the types wanted, or each distinct message. */
function messageOf(group: readonly Finding[]): string {
  if (group[0].error.keyword === 'type') {
    const types = [...new Set(group.flatMap((f) => String((f.error.params as { type?: unknown }).type).split(',')))];
    return `must be ${wordList(types, 'or')}`;
  }
  return [...new Set(group.map((f) => f.error.message ?? 'invalid'))].join('; or ');
}
