import * as fs from 'fs';
import { ValidationError } from '../errors';
import { describeInterpolationIssue, interpolate } from './interpolation';
import { composeProblem, KeyPath, SourceLocation } from './source-location';

/**
 * Reads a dotenv file as compose does (compose-go's `dotenv` parser). A missing file is an error
 * at `namedAt` unless `required` is false. `variables` are the environment: a bare `KEY` takes its
 * value from them, and values interpolate them before the file's own earlier keys.
 */
export function readEnvFile(
  file: string,
  variables: Readonly<Record<string, string | undefined>>,
  namedAt: { readonly location: SourceLocation | undefined; readonly keyPath: KeyPath },
  required = true,
): Record<string, string> {
  if (!fs.existsSync(file)) {
    if (!required) return {};
    throw new ValidationError([composeProblem(namedAt.location, namedAt.keyPath, file, 'the env file does not exist', 'create it, fix the path (relative to the compose file), or mark it `required: false`')]);
  }
  return parseEnvFile(file, fs.readFileSync(file, 'utf8'), variables);
}

// `export` (then blanks), the key (letters, digits, `_.-[]`), blanks, and `=` or `:` with the
// blanks after it; no separator makes a bare key.
const STATEMENT = /^(?:export[ \t]+)?([\p{L}\p{N}_.\-[\]]+)[ \t]*(?:([=:])[ \t]*)?/u;

/**
 * The statements of dotenv `text`: `KEY=value` (or `KEY: value`), an optional `export`, `#`
 * comment lines; unquoted values end at the line's end or a ` #` comment and lose trailing
 * blanks; single-quoted values are literal, double-quoted ones take backslash escapes; quoted
 * values may span lines. Unquoted and double-quoted values interpolate.
 */
export function parseEnvFile(file: string, text: string, variables: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const source = text.replace(/^\uFEFF/, '');
  function fail(at: number, keyPath: KeyPath, value: unknown, message: string, fix: string): never {
    throw new ValidationError([composeProblem({ file, line: source.slice(0, at).split('\n').length }, keyPath, value, message, fix)]);
  }
  const result: Record<string, string> = {};
  // What values interpolate from. As compose: the environment wins over the keys read so far
  // (docker compose config 2.26.1), so a key read enters only when the environment lacks it.
  const lookup: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) if (value !== undefined) lookup[name] = value;
  const set = (key: string, value: string): void => {
    result[key] = value;
    if (variables[key] === undefined) lookup[key] = value;
  };
  let at = 0;
  for (;;) {
    at = statementStart(source, at);
    if (at >= source.length) return result;
    const lineEnd = endOfLine(source, at);
    const line = source.slice(at, lineEnd);
    const match = STATEMENT.exec(line);
    const [statement, key, separator] = match ?? ['', '', undefined];
    if (separator === undefined && line.slice(statement.length).trim() !== '') {
      const message = /[ \t]$/.test(statement) ? 'a key cannot contain a space' : `unexpected character "${line[statement.length]}" in the key`;
      fail(at, [], line, message, 'write KEY=value, one per line; a key holds letters, digits and "_", ".", "-", "[", "]"');
    }
    if (separator === undefined) {
      // A bare key takes its value from the environment, if set there.
      const fromEnvironment = variables[key];
      if (fromEnvironment !== undefined) set(key, fromEnvironment);
      at = lineEnd;
      continue;
    }
    const valueAt = at + statement.length;
    const quote = source[valueAt];
    let body: string;
    if (quote === "'" || quote === '"') {
      const quoted = quotedValue(source, valueAt) ?? fail(valueAt, [key], source.slice(valueAt, lineEnd), 'unterminated quoted value', `end the value with ${quote} (a quoted value may span lines)`);
      at = quoted.end;
      if (quote === "'") {
        set(key, quoted.text);
        continue;
      }
      body = unescape(quoted.text);
    } else {
      body = source.slice(valueAt, lineEnd).split(' #')[0].trimEnd();
      at = lineEnd;
    }
    const expanded = interpolate(body, lookup);
    if (expanded.error) {
      const { message, fix } = describeInterpolationIssue(expanded.error);
      fail(valueAt, [key], body, message, fix);
    }
    set(key, expanded.value);
  }
}

/** Where the next statement starts: after blanks, blank lines and `#` comment lines. */
function statementStart(text: string, from: number): number {
  let at = from;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at += 1;
    if (text[at] !== '#') return at;
    at = endOfLine(text, at);
  }
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/**
 * The value quoted at `start` (which holds the quote) up to the next quote not escaped by a
 * backslash, and the index after it; undefined when no quote ends it. An escaped quote loses its
 * backslash; other escapes are kept for `unescape`.
 */
function quotedValue(text: string, start: number): { readonly text: string; readonly end: number } | undefined {
  const quote = text[start];
  let value = '';
  let escaped = false;
  for (let i = start + 1; i < text.length; i += 1) {
    const char = text[i];
    if (escaped) {
      value += char === quote ? char : `\\${char}`;
      escaped = false;
    } else if (char === '\\') {
      escaped = true;
    } else if (char === quote) {
      return { text: value, end: i + 1 };
    } else {
      value += char;
    }
  }
  return undefined;
}

// No `\"`: quotedValue has already read an escaped quote as the quote itself.
const ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', $: '$$' };

/**
 * A double-quoted value's escapes, as compose-go reads them: `\n`, `\t` and the other C escapes,
 * `\\`, `\"`, `\$` for a literal `$` (written `$$` for interpolation), and `\0` with three octal
 * digits for a byte. A `\0` with other digits (or none) loses its `0`, as in compose; any other
 * backslash stays as written.
 */
function unescape(text: string): string {
  return text.replace(/\\(?:([abfnrtv\\$])|0(\d{0,3}))/g, (_written, letter: string | undefined, digits: string) => {
    if (letter !== undefined) return ESCAPES[letter];
    // Stryker disable next-line Regex: equivalent (digits holds at most three characters)
    const code = /^[0-7]{3}$/.test(digits) ? parseInt(digits, 8) : Number.NaN;
    return code <= 0xff ? String.fromCharCode(code) : `\\${digits}`;
  });
}
