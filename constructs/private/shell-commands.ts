/**
 * The programs a command runs, read the way a POSIX shell reads a line: just enough of the
 * grammar (quotes, escapes, `|` `||` `&&` `;` `&` newlines, subshells, `$(...)` and backquotes,
 * redirections, comments) to find the first word of every simple command, then past the
 * wrappers that run another program (`exec`, `env`, `timeout 5`, ...), into `sh -c` strings and
 * into the modules a `python -c` program imports.
 *
 * Why not shell-quote (it is in node_modules): it is a quoting tokenizer, not a shell reader. It
 * reads a newline as a space (`curl x\nwget y` is one command to it), splits a backquoted
 * command into words (`` `curl a` `` gives "`curl" and "a`"), leaves a quoted `"$(curl x)"` as one
 * opaque word and expands `$VAR` to nothing; fixing that needs a quote-aware pass, which is this.
 *
 * Lenient by design: an unterminated quote ends at the end of the line, as far as a rule cares.
 */

/** Stand-in for the output of a command substitution: a word holding it is not a known program. */
const SUBSTITUTION = '\u0000';
/** Deeper `sh -c` / `$(...)` nesting than this is not followed (a guard against pathological input). */
const MAX_DEPTH = 16;

/** The simple commands of a shell line, in order, each as its words with quotes removed; those inside `$(...)` and backquotes too. */
export function shellCommands(line: string, depth = 0): string[][] {
  const commands: string[][] = [];
  new LineReader(line, commands, depth).readList(false);
  return commands;
}

/** Programs an exec-form command (`["CMD", ...argv]`) runs, and the Python modules they import, in order of appearance. */
export function toolsRun(argv: readonly string[], depth = 0): string[] {
  const tools: string[] = [];
  const program = programOf(argv);
  if (program === undefined) return tools;
  const { name, args } = program;
  tools.push(name);
  if (depth >= MAX_DEPTH) return tools;
  if (SHELLS.has(name)) {
    const line = shellCommandString(args);
    if (line !== undefined) tools.push(...toolsRunByShell(line, depth + 1));
  } else if (PYTHON.test(name)) {
    tools.push(...pythonModules(args));
  }
  return unique(tools);
}

/** Programs a shell line (`["CMD-SHELL", line]`, `sh -c line`) runs, and the Python modules they import. */
export function toolsRunByShell(line: string, depth = 0): string[] {
  return unique(shellCommands(line, depth).flatMap((words) => toolsRun(words, depth)));
}

/** Top-level modules a Python program imports (`import a.b, c as d`, `from e import f`, `__import__('g')`). */
export function pythonImports(code: string): string[] {
  const found: string[] = [];
  // A statement starts a line, or follows `;` or the `:` of a one-line `try:`/`if ...:`.
  for (const m of code.matchAll(/(?:^|[;\n:])\s*import\s+([A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*)/g)) {
    for (const part of m[1].split(',')) found.push(part.trim().split(/[.\s]/)[0]);
  }
  for (const m of code.matchAll(/(?:^|[;\n:])\s*from\s+([A-Za-z_][\w.]*)\s+import\b/g)) found.push(m[1].split('.')[0]);
  for (const m of code.matchAll(/\b(?:__import__|import_module)\(\s*['"]([A-Za-z_][\w.]*)['"]/g)) found.push(m[1].split('.')[0]);
  return unique(found);
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const PYTHON = /^python(\d+(\.\d+)*)?$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Reserved words that may open a command (`if curl ...; then`); `fi`, `done` and `}` end one. */
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'while', 'until', 'do', '!', '{', 'time', 'fi', 'done', '}']);

/** Programs that run the program named after their options (and `operands` more words). */
const WRAPPERS: ReadonlyMap<string, { readonly optionsWithValue: readonly string[]; readonly operands: number }> = new Map([
  ['exec', { optionsWithValue: ['-a'], operands: 0 }],
  ['env', { optionsWithValue: ['-u', '-C', '--unset', '--chdir'], operands: 0 }],
  ['timeout', { optionsWithValue: ['-s', '-k', '--signal', '--kill-after'], operands: 1 }],
  ['nice', { optionsWithValue: ['-n', '--adjustment'], operands: 0 }],
  ['nohup', { optionsWithValue: [], operands: 0 }],
  ['command', { optionsWithValue: [], operands: 0 }],
  ['stdbuf', { optionsWithValue: ['-i', '-o', '-e'], operands: 0 }],
]);

/** The program a simple command runs (its basename), past assignments, keywords and wrappers; undefined when unknown. */
function programOf(words: readonly string[]): { name: string; args: readonly string[] } | undefined {
  let i = 0;
  for (;;) {
    while (i < words.length && (ASSIGNMENT.test(words[i]) || KEYWORDS.has(words[i]))) i++;
    if (i >= words.length || words[i].includes(SUBSTITUTION) || words[i].startsWith('$')) return undefined;
    const name = words[i].slice(words[i].lastIndexOf('/') + 1);
    const wrapper = WRAPPERS.get(name);
    if (wrapper === undefined) return name === '' ? undefined : { name, args: words.slice(i + 1) };
    i++;
    while (i < words.length && words[i].startsWith('-')) {
      const option = words[i++];
      if (option === '--') break;
      if (wrapper.optionsWithValue.includes(option)) i++;
    }
    i += wrapper.operands;
  }
}

/** The line a shell runs with `-c` (the first operand after the options), or undefined without `-c`. */
function shellCommandString(args: readonly string[]): string | undefined {
  let withC = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '+o') i++;
    else if (arg === '--') return withC ? args[i + 1] : undefined;
    else if (/^[-+][A-Za-z]+$/.test(arg)) withC ||= arg.startsWith('-') && arg.includes('c');
    else return withC ? arg : undefined;
  }
  return undefined;
}

/** Modules a Python command line runs: what `-c` code imports, or the `-m` module. */
function pythonModules(args: readonly string[]): string[] {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return []; // a script: not read
    if (arg === '-W' || arg === '-X') i++;
    if (arg.startsWith('-W') || arg.startsWith('-X')) continue;
    const option = /^-[A-Za-z]*?([cm])(.*)/s.exec(arg); // `s`: attached code (`-cimport a\nimport b`) may span lines
    if (option === null) continue;
    const value = option[2] !== '' ? option[2] : args[i + 1];
    if (value === undefined) return [];
    return option[1] === 'c' ? pythonImports(value) : [value.split('.')[0]];
  }
  return [];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Reads one shell line (or the inside of a `$(...)`) into simple commands. */
class LineReader {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly commands: string[][],
    private readonly depth: number,
  ) {}

  /** Reads commands to the end of the line, or with `closing`, to the `)` that closes a `$(`. */
  readList(closing: boolean): void {
    const src = this.src;
    let words: string[] = [];
    let word: string | undefined;
    let redirectTarget = false;
    let parens = 0;
    const endWord = (): void => {
      if (word === undefined) return;
      if (redirectTarget) redirectTarget = false;
      else words.push(word);
      word = undefined;
    };
    const endCommand = (): void => {
      endWord();
      redirectTarget = false;
      if (words.length > 0) this.commands.push(words);
      words = [];
    };
    while (this.pos < src.length) {
      const c = src[this.pos];
      const next = src[this.pos + 1];
      if (c === ' ' || c === '\t' || c === '\r') {
        endWord();
        this.pos++;
      } else if (c === '<' || c === '>' || (c === '&' && next === '>')) {
        // `2>&1`, `>/dev/null`, `&>log`: digits just before are a file descriptor; the next word is a file.
        if (word !== undefined && /^\d+$/.test(word)) word = undefined;
        else endWord();
        this.pos++;
        while (this.pos < src.length && '<>&|'.includes(src[this.pos])) this.pos++;
        redirectTarget = true;
      } else if (c === '\n' || c === ';' || c === '&' || c === '|') {
        endCommand(); // runs of these (`&&`, `||`, `;;`, `|&`) only end more empty commands
        this.pos++;
      } else if (c === '(') {
        endCommand();
        parens++;
        this.pos++;
      } else if (c === ')') {
        endCommand();
        this.pos++;
        if (parens === 0 && closing) return;
        parens = Math.max(0, parens - 1);
      } else if (c === '#' && word === undefined) {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else if (c === '\\') {
        if (next !== '\n') word = (word ?? '') + (next ?? '');
        this.pos += 2;
      } else if (c === "'") {
        const end = src.indexOf("'", this.pos + 1);
        const stop = end < 0 ? src.length : end;
        word = (word ?? '') + src.slice(this.pos + 1, stop);
        this.pos = stop + 1;
      } else if (c === '"') {
        word = (word ?? '') + this.readDoubleQuoted();
      } else if (c === '`') {
        word = (word ?? '') + this.readBackquoted();
      } else if (c === '$' && next === '(') {
        word = (word ?? '') + this.readSubstitution();
      } else if (c === '$' && next === '{') {
        const end = src.indexOf('}', this.pos);
        const stop = end < 0 ? src.length : end + 1;
        word = (word ?? '') + src.slice(this.pos, stop);
        this.pos = stop;
      } else {
        word = (word ?? '') + c;
        this.pos++;
      }
    }
    endCommand();
  }

  /** From an opening `"` to past its closing one; returns the text, substitutions read as commands. */
  private readDoubleQuoted(): string {
    const src = this.src;
    let text = '';
    this.pos++;
    while (this.pos < src.length && src[this.pos] !== '"') {
      const c = src[this.pos];
      const next = src[this.pos + 1];
      if (c === '\\' && next !== undefined && '$`"\\\n'.includes(next)) {
        if (next !== '\n') text += next;
        this.pos += 2;
      } else if (c === '`') {
        text += this.readBackquoted();
      } else if (c === '$' && next === '(') {
        text += this.readSubstitution();
      } else {
        text += c;
        this.pos++;
      }
    }
    this.pos++;
    return text;
  }

  /** From `$(` to past its `)`, reading the commands inside. */
  private readSubstitution(): string {
    this.pos += 2;
    const inner = new LineReader(this.src, this.depth < MAX_DEPTH ? this.commands : [], this.depth + 1);
    inner.pos = this.pos;
    inner.readList(true);
    this.pos = inner.pos;
    return SUBSTITUTION;
  }

  /** From an opening backquote to past its closing one, reading the commands inside. */
  private readBackquoted(): string {
    const src = this.src;
    let inner = '';
    this.pos++;
    while (this.pos < src.length && src[this.pos] !== '`') {
      const c = src[this.pos];
      const next = src[this.pos + 1];
      // Inside backquotes a backslash quotes only `$`, a backquote and itself.
      if (c === '\\' && next !== undefined && '$`\\'.includes(next)) {
        inner += next;
        this.pos += 2;
      } else {
        inner += c;
        this.pos++;
      }
    }
    this.pos++;
    if (this.depth < MAX_DEPTH) this.commands.push(...shellCommands(inner, this.depth + 1));
    return SUBSTITUTION;
  }
}
