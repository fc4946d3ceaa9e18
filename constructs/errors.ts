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
  return `[${problem.ruleId}] ${problem.path}: ${problem.field} = ${showValue(problem.value)}: ${problem.message}. Fix: ${problem.fix}`;
}

/**
 * Thrown by a construct or a value factory whose input is invalid; lists every problem at once,
 * each with the path, the field, the value received and the fix.
 */
export class ValidationError extends Error {
  /** True for a ValidationError of any installed copy of this library. */
  static isValidationError(value: unknown): value is ValidationError {
    return typeof value === 'object' && value !== null && VALIDATION_ERROR in value;
  }

  constructor(public readonly problems: readonly ValidationProblem[]) {
    super(`${problems.length} validation error${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ValidationError';
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/** Thrown by DockerApp.synth when any stack breaks a rule; nothing has been written then. */
export class StackValidationError extends Error {
  /** True for a StackValidationError of any installed copy of this library. */
  static isStackValidationError(value: unknown): value is StackValidationError {
    return typeof value === 'object' && value !== null && STACK_VALIDATION_ERROR in value;
  }

  constructor(public readonly messages: readonly string[]) {
    super(`Synthesis stopped: ${messages.length} problem${messages.length === 1 ? '' : 's'} found, nothing was written.\n${messages.map((m) => `  - ${m}`).join('\n')}`);
    this.name = 'StackValidationError';
    Object.defineProperty(this, STACK_VALIDATION_ERROR, { value: true });
  }
}

/** A value as a message shows it: strings quoted, value types by their own text, constructs by path. */
function showValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string' || Array.isArray(value)) return safeJson(value);
  const own = ownText(value);
  return own ?? safeJson(value);
}

/** A value type's own `toString()` text, if it has one (not `[object Object]`). */
function ownText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const toString: unknown = (value as { toString?: unknown }).toString;
  if (typeof toString !== 'function' || toString === Object.prototype.toString) return undefined;
  try {
    const text: unknown = toString.call(value);
    return typeof text === 'string' && text !== '[object Object]' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** JSON for a message: a construct shows as its path, a value type as its own text, a cycle as "(cycle)", a BigInt as `12n`. */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'symbol' || typeof v === 'function') return String(v);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
      if (isConstructLike(v)) return `<${v.node.path}>`;
      if (seen.has(v)) return '(cycle)';
      seen.add(v);
      return ownText(v) ?? v;
    });
    return text ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function isConstructLike(value: object): value is { node: { path: string } } {
  const node = (value as { node?: { path?: unknown } }).node;
  return typeof node === 'object' && node !== null && typeof node.path === 'string';
}
