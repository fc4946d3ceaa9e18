/**
 * Compose's variable interpolation, applied to every string value of a file (never to keys):
 * `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset),
 * `${VAR:?error}` / `${VAR?error}` (required), `${VAR:+replacement}` / `${VAR+replacement}`,
 * and `$$` for a literal `$`. Defaults and replacements may themselves interpolate.
 */

/** What stops interpolating one string. */
export type InterpolationIssue =
  | { readonly kind: 'required'; readonly variable: string; readonly message: string }
  | { readonly kind: 'syntax'; readonly message: string };

/** The value, or the issue that stops it; `unset` lists variables read as empty. */
export interface Interpolated {
  readonly value: string;
  readonly error?: InterpolationIssue;
  readonly unset: readonly string[];
}

const NAME = /^[_A-Za-z][_A-Za-z0-9]*/;

/** Interpolates `text` from `variables` (undefined = unset). */
export function interpolate(text: string, variables: Readonly<Record<string, string | undefined>>): Interpolated {
  const unset: string[] = [];
  try {
    const [value] = expand(text, 0, variables, unset, false);
    return { value, unset };
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: equivalent (expand throws nothing else)
    if (error instanceof IssueThrown) return { value: text, error: error.issue, unset };
    throw error;
  }
}

/** How an error names an interpolation issue: what is wrong and the fix. */
export function describeInterpolationIssue(issue: InterpolationIssue): { readonly message: string; readonly fix: string } {
  return issue.kind === 'required'
    ? { message: `\${${issue.variable}} is required and not set: ${issue.message}`, fix: `set ${issue.variable} in the environment or the env file` }
    : { message: `invalid interpolation: ${issue.message}`, fix: 'write ${VAR}, ${VAR:-default} or ${VAR:?message}, and "$$" for a literal "$"' };
}

class IssueThrown extends Error {
  constructor(readonly issue: InterpolationIssue) {
    super(issue.kind);
  }
}

/** Expands from `start`; inside braces (`nested`) stops at the closing `}` and returns its index. */
function expand(text: string, start: number, variables: Readonly<Record<string, string | undefined>>, unset: string[], nested: boolean): [string, number] {
  let out = '';
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (nested && c === '}') return [out, i];
    if (c !== '$') {
      out += c;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const { value, end } = braced(text, i + 2, variables, unset);
      out += value;
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (name === undefined) {
      throw new IssueThrown({ kind: 'syntax', message: `a "$" at position ${i + 1} starts no variable` });
    }
    out += lookup(name, variables, unset);
    i += 1 + name.length;
  }
  if (nested) throw new IssueThrown({ kind: 'syntax', message: 'a "${" is never closed by "}"' });
  return [out, i];
}

function lookup(name: string, variables: Readonly<Record<string, string | undefined>>, unset: string[]): string {
  const value = variables[name];
  if (value === undefined) {
    unset.push(name);
    return '';
  }
  return value;
}

/** One `${...}`: its variable, its operator (empty for `${VAR}`), its value and the index of its closing brace. */
interface Reference {
  readonly name: string;
  readonly operator: string;
  readonly value: string;
  readonly end: number;
}

/** `${...}` from just after the brace. */
function braced(text: string, start: number, variables: Readonly<Record<string, string | undefined>>, unset: string[]): Reference {
  const name = NAME.exec(text.slice(start))?.[0];
  if (name === undefined) throw new IssueThrown({ kind: 'syntax', message: `"\${" at position ${start - 1} is not followed by a variable name` });
  let i = start + name.length;
  if (text[i] === '}') return { name, operator: '', value: lookup(name, variables, unset), end: i };
  const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(text.slice(i))?.[0];
  if (operator === undefined) throw new IssueThrown({ kind: 'syntax', message: `unexpected ${i < text.length ? `"${text[i]}"` : 'end of text'} after \${${name}` });
  i += operator.length;
  const ignore: string[] = [];
  const [argument, end] = expand(text, i, variables, ignore, true);
  const value = variables[name];
  const emptyCounts = operator.startsWith(':');
  const missing = value === undefined || (emptyCounts && value === '');
  switch (operator) {
    case ':-':
    case '-':
      unset.push(...(missing ? ignore : []));
      return { name, operator, value: missing ? argument : value, end };
    case ':?':
    case '?':
      if (missing) throw new IssueThrown({ kind: 'required', variable: name, message: argument || `variable ${name} is required` });
      return { name, operator, value, end };
    default:
      unset.push(...(!missing ? ignore : []));
      return { name, operator, value: missing ? '' : argument, end };
  }
}

/**
 * The variable `text` takes its whole value from, when it is one reference (`$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`) to a variable that is set
 * (a default that applied, or an unset variable, is not a value from the variable); else undefined.
 * A secret written so can stay a variable at deploy time instead of a value in the code.
 */
export function variableSource(text: string, variables: Readonly<Record<string, string | undefined>>): string | undefined {
  const bare = /^\$([_A-Za-z][_A-Za-z0-9]*)$/.exec(text)?.[1];
  if (bare !== undefined) return variables[bare] !== undefined ? bare : undefined;
  if (!text.startsWith('${')) return undefined;
  let reference: Reference;
  try {
    // Stryker disable next-line ArrayDeclaration: equivalent (the variables a default would leave unset are not asked for here)
    reference = braced(text, 2, variables, []);
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: equivalent (braced throws nothing else)
    if (error instanceof IssueThrown) return undefined;
    throw error;
  }
  const { name, operator, end } = reference;
  if (end !== text.length - 1 || operator.endsWith('+')) return undefined;
  const value = variables[name];
  const missing = value === undefined || (operator.startsWith(':') && value === '');
  return missing ? undefined : name;
}
