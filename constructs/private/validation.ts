import { IConstruct } from 'constructs';
import { z } from 'zod';
import { ValidationError, type ValidationProblem } from '../errors';



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

/**
 * Adds the problem a refinement (`superRefine`) finds at `path`, with its fix, as parseProps
 * reports it: "problem. Fix: remedy".
 */
export function addProblem(ctx: z.RefinementCtx, path: readonly PropertyKey[], problem: string, remedy: string): void {
  // Stryker disable next-line StringLiteral: equivalent (zodProblems reads the message of an issue that carries its fix, never its code)
  ctx.addIssue({ code: 'custom', path: [...path], message: fix(problem, remedy) });
}

export function zodProblems(path: string, error: z.ZodError, input: unknown): ValidationProblem[] {
  return error.issues.map((issue) => {
    const [message, fix] = splitFix(ownMessage(issue));
    const key = issue.code === 'invalid_key' ? issue.path[issue.path.length - 1] : undefined;
    return {
      ruleId: 'props',
      path,
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(props)',
      // A bad record key is shown as the key itself, not the value it holds.
      value: key !== undefined ? String(key) : valueAt(input, issue.path),
      message,
      fix: fix ?? defaultFix(issue),
    };
  });
}

/**
 * The message to show for `issue`: for a record key that fails its own check, that check's
 * message (zod wraps it in a generic "Invalid key in record").
 */
export function ownMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') {
    const inner = issue.issues.find((i) => i.message.includes('. Fix: ')) ?? issue.issues[0];
    return inner ? `not a valid key: ${inner.message}` : issue.message;
  }
  return issue.message;
}

export function splitFix(message: string): [string, string | undefined] {
  const index = message.indexOf('. Fix: ');
  return index < 0 ? [message, undefined] : [message.slice(0, index), message.slice(index + '. Fix: '.length)];
}

/** A fix for an issue whose message carries none, from what zod knows of it. */
export function defaultFix(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `give a value of type ${issue.expected}`;
    case 'unrecognized_keys':
      return `remove ${issue.keys.join(', ')} (check the spelling against the props interface)`;
    case 'too_small':
      return `use a value of at least ${String(issue.minimum)}`;
    case 'not_multiple_of':
      return `use a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `write a value matching ${String((issue as { pattern?: unknown }).pattern)}` : `write a valid ${issue.format}`;
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

/**
 * zod check for one of this library's constructs or values, recognised by its brand
 * (`Duration.isDuration`, `Service.isService`, ...) rather than `instanceof`, which fails across
 * two installed copies of the package.
 */
export function zInstance<T>(guard: (value: unknown) => value is T, message: string): z.ZodType<T> {
  return z.custom<T>((value) => guard(value), { message });
}

/** A ValidationError for one bad argument of a value factory (`Port.tcp(0)`), naming the factory, field, value and fix. */
export function invalidArgument(factory: string, field: string, value: unknown, message: string, remedy: string): ValidationError {
  return new ValidationError([{ ruleId: 'props', path: factory, field, value, message, fix: remedy }]);
}
