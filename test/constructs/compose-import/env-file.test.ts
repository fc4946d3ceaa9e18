import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseEnvFile, readEnvFile } from '../../../constructs/compose-import/env-file';
import { problemOf } from '../../support/factory-error';

const FILE = '/project/app.env';

/** Parses `lines` (joined with newlines) as the env file FILE. */
function parse(lines: readonly string[], variables: Record<string, string | undefined> = {}): Record<string, string> {
  return parseEnvFile(FILE, lines.join('\n'), variables);
}

describe('readEnvFile', () => {
  const namedAt = { location: { file: '/project/compose.yaml', line: 7 }, keyPath: ['services', 'api', 'env_file', 0] };

  it('names where a missing required file was given, with the fix', () => {
    // Given a path that does not exist
    const missing = path.join(os.tmpdir(), 'no-such-dir-cds', 'missing.env');
    // When it is read as a required env file, then the error points at the compose key naming it
    expect(problemOf(() => readEnvFile(missing, {}, namedAt))).toEqual({
      ruleId: 'compose',
      path: '/project/compose.yaml:7',
      field: 'services.api.env_file[0]',
      value: missing,
      message: 'the env file does not exist',
      fix: 'create it, fix the path (relative to the compose file), or mark it `required: false`',
    });
  });

  it('reads a missing optional file as empty', () => {
    expect(readEnvFile(path.join(os.tmpdir(), 'no-such-dir-cds', 'missing.env'), {}, namedAt, false)).toEqual({});
  });

  it('reads an existing file, whether required or not', () => {
    // Given a file on disk
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'env-file-')), 'app.env');
    fs.writeFileSync(file, 'A=1\n');
    // Then both forms read it
    expect(readEnvFile(file, {}, namedAt)).toEqual({ A: '1' });
    expect(readEnvFile(file, {}, namedAt, false)).toEqual({ A: '1' });
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=value, KEY: value, export, blanks around the separator, comments and blank lines', () => {
    expect(parse([
      '# a comment',
      '',
      'PLAIN=value',
      '  INDENTED=x',
      'export EXPORTED=yes',
      'export\tTABBED=t',
      'SPACED = around',
      'YAML: style',
      'EMPTY=',
      '   # an indented comment',
      'a.b-c[1]_D=keys',
      'árvíztűrő=unicode',
      'exportNOT=kept',
    ])).toEqual({
      PLAIN: 'value', INDENTED: 'x', EXPORTED: 'yes', TABBED: 't', SPACED: 'around', YAML: 'style', EMPTY: '',
      'a.b-c[1]_D': 'keys', árvíztűrő: 'unicode', exportNOT: 'kept',
    });
  });

  it('cuts an unquoted value at " #" only, and drops blanks at its end but keeps those inside', () => {
    expect(parse([
      'A=value # a comment',
      'B=http://host/#anchor',
      'C=two words   ',
      'D=tab\t#not a comment',
    ])).toEqual({ A: 'value', B: 'http://host/#anchor', C: 'two words', D: 'tab\t#not a comment' });
  });

  it('reads CRLF line ends and a byte-order mark', () => {
    expect(parseEnvFile(FILE, '\uFEFFA=1\r\nB="2"\r\nC\r\n', { C: 'c' })).toEqual({ A: '1', B: '2', C: 'c' });
  });

  it('drops a byte-order mark at the start only, and reads export with several blanks', () => {
    expect(parseEnvFile(FILE, '\uFEFFA=x\uFEFFy\nexport  \t B=2\n', {})).toEqual({ A: 'x\uFEFFy', B: '2' });
  });

  it('keeps a single-quoted value literal, but for an escaped quote', () => {
    expect(parse([
      "A='$NOT_EXPANDED ${NOR_THIS}'",
      "B='a\\nb'",
      "C='it\\'s'",
      "D='a # not a comment'",
      "E=''",
    ], { NOT_EXPANDED: 'x', NOR_THIS: 'y' })).toEqual({ A: '$NOT_EXPANDED ${NOR_THIS}', B: 'a\\nb', C: "it's", D: 'a # not a comment', E: '' });
  });

  it.each([
    ['a newline', '"a\\nb"', 'a\nb'],
    ['a tab', '"a\\tb"', 'a\tb'],
    ['a carriage return', '"a\\rb"', 'a\rb'],
    ['bell, backspace, form feed and vertical tab', '"\\a\\b\\f\\v"', '\x07\b\f\v'],
    ['an escaped quote', '"say \\"hi\\""', 'say "hi"'],
    ['an escaped backslash', '"C:\\\\dir"', 'C:\\dir'],
    ['an escaped backslash before n', '"\\\\n"', '\\n'],
    ['a literal dollar', '"\\$HOME"', '$HOME'],
    ['an octal byte', '"\\0101"', 'A'],
    ['the largest octal byte', '"\\0377"', '\xff'],
    ['an octal value above a byte, without its 0 (as compose)', '"\\0777"', '\\777'],
    ['too few octal digits, without the 0', '"\\012x"', '\\12x'],
    ['a digit that is not octal, without the 0', '"\\0128"', '\\128'],
    ['a \\0 alone, as a backslash', '"a\\0b"', 'a\\b'],
    ['an unknown escape, kept', '"\\c\\x41"', '\\c\\x41'],
    ['a comment sign', '"a # b"', 'a # b'],
  ])('reads %s in a double-quoted value', (_, written, value) => {
    expect(parse([`V=${written}`])).toEqual({ V: value });
  });

  it('reads quoted values across lines, and counts those lines for later errors', () => {
    // Given quoted values that span lines, then a bad line
    const lines = ['KEY="-----BEGIN KEY-----', 'abc', '-----END KEY-----"', "SQL='SELECT 1;", "SELECT 2;'", 'BAD LINE=1'];
    // Then the values hold the newlines
    expect(() => parse(lines)).toThrow();
    expect(parse(lines.slice(0, 5))).toEqual({ KEY: '-----BEGIN KEY-----\nabc\n-----END KEY-----', SQL: 'SELECT 1;\nSELECT 2;' });
    // And the bad line is named by its own number
    expect(problemOf(() => parse(lines)).path).toBe(`${FILE}:6`);
  });

  it('reads text after a closing quote as a comment or the next statement, as compose does', () => {
    expect(parse(['A="1" # comment', "B='2'#comment", 'C="3" D=4'])).toEqual({ A: '1', B: '2', C: '3', D: '4' });
  });

  it('interpolates unquoted and double-quoted values from the variables first, then the keys read so far, as compose does', () => {
    expect(parse([
      'HOST=db',
      'URL=postgres://$HOST:${PORT}/app',
      'QUOTED="${HOST}-${MISSING:-fallback}"',
      'ESCAPED=$$HOST',
      'LATER=$AFTER',
      'AFTER=too-late',
      'OVERRIDE=${SHADOWED}',
      'OWN=mine',
      'USES_OWN=${OWN}',
      'UNSET=from-the-file',
      'USES_UNSET=$UNSET',
    ], { PORT: '5432', HOST: 'from-the-environment', SHADOWED: 'env', UNSET: undefined })).toEqual({
      HOST: 'db', URL: 'postgres://from-the-environment:5432/app', QUOTED: 'from-the-environment-fallback', ESCAPED: '$HOST', LATER: '', AFTER: 'too-late', OVERRIDE: 'env',
      OWN: 'mine', USES_OWN: 'mine', UNSET: 'from-the-file', USES_UNSET: 'from-the-file',
    });
  });

  it('takes a bare key from the variables when set there, and leaves it out when not', () => {
    expect(parse(['FROM_SHELL', 'export ALSO', 'UNSET', 'EMPTY   '], { FROM_SHELL: 'shell', ALSO: 'also', EMPTY: '' })).toEqual({ FROM_SHELL: 'shell', ALSO: 'also', EMPTY: '' });
    expect(Object.keys(parse(['UNSET', 'ALSO_UNSET'], { UNSET: undefined }))).toEqual([]);
  });

  it('refuses an unterminated quote, naming its line and key', () => {
    expect(problemOf(() => parse(['A=1', 'B="no end', 'C=3']))).toEqual({
      ruleId: 'compose', path: `${FILE}:2`, field: 'B', value: '"no end',
      message: 'unterminated quoted value', fix: 'end the value with " (a quoted value may span lines)',
    });
    expect(problemOf(() => parse(["S='open"])).fix).toBe("end the value with ' (a quoted value may span lines)");
    // An escaped quote does not end the value
    expect(problemOf(() => parse(['E="ends with an escaped quote\\"'])).message).toBe('unterminated quoted value');
  });

  it.each([
    ['a space inside the key', 'MY KEY=1', 'a key cannot contain a space'],
    ['a bare key followed by a word', 'KEY value', 'a key cannot contain a space'],
    ['a character keys do not hold', '%KEY=1', 'unexpected character "%" in the key'],
    ['a character after the key', 'KEY!=1', 'unexpected character "!" in the key'],
    ['a character after an exported key', 'export KEY!=1', 'unexpected character "!" in the key'],
    ['no key', '=value', 'unexpected character "=" in the key'],
  ])('refuses %s, naming the line', (_, line, message) => {
    expect(problemOf(() => parse(['# first', line]))).toEqual({
      ruleId: 'compose', path: `${FILE}:2`, field: '(document)', value: line, message,
      fix: 'write KEY=value, one per line; a key holds letters, digits and "_", ".", "-", "[", "]"',
    });
  });

  it('refuses a required variable that is unset, and bad interpolation syntax, naming line and key', () => {
    expect(problemOf(() => parse(['A=1', 'TOKEN=${API_TOKEN:?set the token}']))).toEqual({
      ruleId: 'compose', path: `${FILE}:2`, field: 'TOKEN', value: '${API_TOKEN:?set the token}',
      message: '${API_TOKEN} is required and not set: set the token', fix: 'set API_TOKEN in the environment or the env file',
    });
    expect(problemOf(() => parse(['', '', 'Q="${unclosed"']))).toEqual({
      ruleId: 'compose', path: `${FILE}:3`, field: 'Q', value: '${unclosed',
      message: 'invalid interpolation: unexpected end of text after ${unclosed', fix: 'write ${VAR}, ${VAR:-default} or ${VAR:?message}, and "$$" for a literal "$"',
    });
  });
});
