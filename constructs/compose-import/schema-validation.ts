import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import schema from './compose-spec/compose-spec.json';
import { composeProblem, KeyPath, LocationIndex } from './source-location';
import { ValidationProblem } from '../errors';

let compiled: ValidateFunction | undefined;

/** The vendored compose-spec schema, compiled once (draft 2020-12, as the schema declares). */
function validator(): ValidateFunction {
  // strict: false, as compose-go itself: the schema uses keywords (deprecated, format names) ajv's strict mode rejects.
  compiled ??= new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  return compiled;
}

/** `/services/api/ports/0` as a key path. */
function keyPathOf(error: ErrorObject): KeyPath {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Every place where a file (after interpolation) breaks the compose-spec schema, named by file,
 * line and key path. Of the alternatives of a `oneOf` only the most specific error is kept.
 */
export function schemaProblems(document: unknown, locations: LocationIndex): ValidationProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  const errors = validate.errors ?? [];
  // The deepest errors say the most; a oneOf's own "must match exactly one" adds nothing to them.
  const deepest = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && !errors.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  for (const error of deepest.length > 0 ? deepest : errors) {
    const extra = error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties' ? String((error.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (error.params as { unevaluatedProperty?: string }).unevaluatedProperty) : undefined;
    const keyPath = extra ? [...keyPathOf(error), extra] : keyPathOf(error);
    const id = `${JSON.stringify(keyPath)}|${error.keyword}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const message = extra ? `"${extra}" is not a key the compose specification knows here` : `${error.message ?? 'invalid'} (compose-spec schema, ${error.schemaPath})`;
    problems.push(composeProblem(locations.find(keyPath), keyPath, valueAt(document, keyPath), message, extra ? 'remove the key or fix its spelling (see https://compose-spec.io)' : 'write the value as the compose specification describes it'));
  }
  return problems;
}

function valueAt(document: unknown, keyPath: KeyPath): unknown {
  let value: unknown = document;
  for (const part of keyPath) value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[part] : undefined;
  return value;
}
