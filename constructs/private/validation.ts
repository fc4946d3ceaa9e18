import { IConstruct } from 'constructs';
import { z } from 'zod';

/** One problem found in a construct's props or across a stack. */
export interface ValidationProblem {
  /** Stable id of the rule, e.g. `CDS-PORT-COLLISION`; `props` for a construct's own props. */
  readonly ruleId: string;
  /** Path of the construct at fault in the construct tree. */
  readonly path: string;
  /** The prop or field at fault, dotted (`healthCheck.interval`). */
  readonly field: string;
  /** The value received, shown as written. */
  readonly value: unknown;
  /** What is wrong. */
  readonly message: string;
  /** What to do instead. */
  readonly fix: string;
}

export function formatProblem(problem: ValidationProblem): string {
  return `[${problem.ruleId}] ${problem.path}: ${problem.field} = ${showValue(problem.value)}: ${problem.message}. Fix: ${problem.fix}`;
}

export function showValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string' || Array.isArray(value)) return safeJson(value);
  if (typeof value === 'object' && value !== null && typeof (value as { toString?: unknown }).toString === 'function') {
    const text = String(value);
    if (text !== '[object Object]') return text;
  }
  return safeJson(value);
}

/** JSON for a message: a construct shows as its path, a value type as its own text, a cycle as "(cycle)". */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
      if (isConstruct(v)) return `<${v.node.path}>`;
      if (seen.has(v)) return '(cycle)';
      seen.add(v);
      const text = typeof (v as { toString?: unknown }).toString === 'function' ? String(v) : '[object Object]';
      return text === '[object Object]' ? v : text;
    });
  } catch {
    return String(value);
  }
}

function isConstruct(value: object): value is IConstruct {
  const node = (value as { node?: { path?: unknown } }).node;
  return typeof node === 'object' && node !== null && typeof node.path === 'string';
}

/** Thrown by a construct whose props are invalid; lists every problem at once. */
export class ValidationError extends Error {
  constructor(public readonly problems: readonly ValidationProblem[]) {
    super(`${problems.length} validation error${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

/**
 * Parses construct props with a zod schema; throws one ValidationError naming the construct
 * path, each bad field, its value and the fix. Zod messages in this library are written as
 * "problem. Fix: what to do" so the two halves can be shown apart.
 */
export function parseProps<S extends z.ZodType>(scope: IConstruct | string, schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  throw new ValidationError(zodProblems(typeof scope === 'string' ? scope : scope.node.path, result.error, props));
}

/** Path a construct will have, for validating props before `super()` creates it. */
export function childPath(scope: IConstruct, id: string): string {
  return scope.node.path === '' ? id : `${scope.node.path}/${id}`;
}

/** Formats a zod message as "problem. Fix: remedy" (see parseProps). */
export const fix = (problem: string, remedy: string): string => `${problem}. Fix: ${remedy}`;

export function zodProblems(path: string, error: z.ZodError, input: unknown): ValidationProblem[] {
  return error.issues.map((issue) => {
    const [message, fix] = splitFix(issue.message);
    return {
      ruleId: 'props',
      path,
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(props)',
      value: valueAt(input, issue.path),
      message,
      fix: fix ?? defaultFix(issue),
    };
  });
}

function splitFix(message: string): [string, string | undefined] {
  const index = message.indexOf('. Fix: ');
  return index < 0 ? [message, undefined] : [message.slice(0, index), message.slice(index + '. Fix: '.length)];
}

function defaultFix(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `give a value of type ${issue.expected}`;
    case 'unrecognized_keys':
      return `remove ${issue.keys.join(', ')} (check the spelling against the props interface)`;
    case 'too_small':
      return `use a value of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `use a value of at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return 'see the props documentation of this construct';
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** zod check for an instance of a value class (value classes have private constructors). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function zInstance<T>(cls: Function & { prototype: T }, message: string): z.ZodType<T> {
  return z.custom<T>((value) => value instanceof cls, { message });
}
