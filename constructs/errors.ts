/** One problem found in a construct's props, a value, or across a stack or app. */
export interface ValidationProblem {
  /** Stable id of the rule, e.g. `CDS-PORT-COLLISION`; `props` for a construct's own props or a value. */
  readonly ruleId: string;
  /** Path of the construct at fault in the construct tree, or the factory called (`Port.tcp`). */
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

const VALIDATION_ERROR = Symbol.for('cdktf-docker-stacks.ValidationError');
const STACK_VALIDATION_ERROR = Symbol.for('cdktf-docker-stacks.StackValidationError');

/** One line: `[rule] path: field = value: message. Fix: remedy`. Never throws, whatever the value. */
export function formatProblem(problem: ValidationProblem): string {
  const text = (part: unknown): string => (typeof part === 'string' ? part : showValue(part));
  return `[${text(problem.ruleId)}] ${text(problem.path)}: ${text(problem.field)} = ${showValue(problem.value)}: ${text(problem.message)}. Fix: ${text(problem.fix)}`;
}

/**
 * Thrown by a construct or a value factory whose input is invalid; lists every problem at once,
 * each with the path, the field, the value received and the fix.
 */
export class ValidationError extends Error {
  /** True for a ValidationError of any installed copy of this library. */
  static isValidationError(this: void, value: unknown): value is ValidationError {
    return typeof value === 'object' && value !== null && VALIDATION_ERROR in value;
  }

  constructor(
    /** Every problem found, in the order found; the message lists them all, one per line. */
    public readonly problems: readonly ValidationProblem[],
  ) {
    super(`${problems.length} validation error${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ValidationError';
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent (the guards test that the key is there, whatever its value)
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/** Thrown by DockerApp.synth when any stack breaks a rule; nothing has been written then. */
export class StackValidationError extends Error {
  /** True for a StackValidationError of any installed copy of this library. */
  static isStackValidationError(this: void, value: unknown): value is StackValidationError {
    return typeof value === 'object' && value !== null && STACK_VALIDATION_ERROR in value;
  }

  constructor(
    /**
     * One line per problem, across every stack of the app: a rule's finding as formatProblem
     * writes it, or another construct's validation message prefixed with its path.
     */
    public readonly messages: readonly string[],
  ) {
    super(`Synthesis stopped: ${messages.length} problem${messages.length === 1 ? '' : 's'} found, nothing was written.\n${messages.map((m) => `  - ${m}`).join('\n')}`);
    this.name = 'StackValidationError';
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent (the guards test that the key is there, whatever its value)
    Object.defineProperty(this, STACK_VALIDATION_ERROR, { value: true });
  }
}

/** Deepest nesting a message shows; deeper values show as `…`. */
const MAX_DEPTH = 8;
/** Most array items or object entries a message shows; the rest show as `…`. */
const MAX_ENTRIES = 50;

/**
 * A value as a message shows it: JSON-like (strings quoted), but NaN, Infinity, BigInt (`12n`),
 * symbols and functions as themselves, value types by their own text, constructs as `<path>`,
 * a cycle as `(cycle)`. Values reach here from any caller, JavaScript included, so every step
 * is guarded: a Proxy, a throwing getter or `toString` gives `(unreadable)`, never an exception.
 */
function showValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  return show(value, [], 0);
}

function show(value: unknown, ancestors: object[], depth: number): string {
  try {
    switch (typeof value) {
      case 'string':
        return JSON.stringify(value);
      case 'number':
      case 'boolean':
        return String(value);
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      case 'undefined':
        return 'undefined';
      case 'function':
        return `[function ${functionName(value)}]`;
    }
    if (value === null) return 'null';
    const object = value as object;
    if (ancestors.includes(object)) return '(cycle)';
    if (depth >= MAX_DEPTH) return '…';
    const path = constructPath(object);
    if (path !== undefined) return `<${path}>`;
    const own = ownText(object);
    if (own !== undefined) return own;
    const inner = [...ancestors, object];
    if (Array.isArray(object)) {
      const items = object.slice(0, MAX_ENTRIES).map((item: unknown) => show(item, inner, depth + 1));
      return `[${items.join(',')}${object.length > MAX_ENTRIES ? ',…' : ''}]`;
    }
    const keys = Object.keys(object);
    const entries = keys.slice(0, MAX_ENTRIES).map((key) => `${JSON.stringify(key)}:${showProperty(object, key, inner, depth + 1)}`);
    return `{${entries.join(',')}${keys.length > MAX_ENTRIES ? ',…' : ''}}`;
  } catch {
    return '(unreadable)';
  }
}

function showProperty(object: object, key: string, ancestors: object[], depth: number): string {
  let value: unknown;
  try {
    value = (object as Record<string, unknown>)[key];
  } catch {
    return '(unreadable)';
  }
  return show(value, ancestors, depth);
}

function functionName(fn: unknown): string {
  try {
    const name: unknown = (fn as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/** A value type's own `toString()` text, if it has one (not `[object Object]`) and it works. */
function ownText(value: object): string | undefined {
  try {
    const toString: unknown = (value as { toString?: unknown }).toString;
    if (typeof toString !== 'function' || toString === Object.prototype.toString || toString === Array.prototype.toString) return undefined;
    const text: unknown = toString.call(value);
    return typeof text === 'string' && text !== '[object Object]' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The path of a construct (anything with `node.path`), shown instead of its fields. */
function constructPath(value: object): string | undefined {
  const node = (value as { node?: { path?: unknown } }).node;
  return typeof node === 'object' && node !== null && typeof node.path === 'string' ? node.path : undefined;
}
