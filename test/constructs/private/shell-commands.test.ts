import { pythonImports, shellCommands, toolsRun, toolsRunByShell } from '../../../constructs/private/shell-commands';

describe('shellCommands', () => {
  test.each<[string, string[][]]>([
    ['curl -f http://localhost:8000/health || exit 1', [['curl', '-f', 'http://localhost:8000/health'], ['exit', '1']]],
    ['a | b; c & d && e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['curl x\nwget y', [['curl', 'x'], ['wget', 'y']]],
    ['a \\\n  b', [['a', 'b']]],
    ["echo 'a  b' \"c  d\" e\\ f", [['echo', 'a  b', 'c  d', 'e f']]],
    ['echo "a \\"b\\" \\$c \\x"', [['echo', 'a "b" $c \\x']]],
    ["echo 'unterminated", [['echo', 'unterminated']]],
    ['( cd /app && wget -q x )', [['cd', '/app'], ['wget', '-q', 'x']]],
    ['curl -f x >/dev/null 2>&1 < in', [['curl', '-f', 'x']]],
    ['curl x &>/dev/null', [['curl', 'x']]],
    ['echo 2 >x', [['echo', '2']]],
    ['curl x # wget y\nnc z', [['curl', 'x'], ['nc', 'z']]],
    ['echo a#b', [['echo', 'a#b']]],
    ['echo ${HOST:-x} $PORT', [['echo', '${HOST:-x}', '$PORT']]],
  ])('reads %p as %p', (line, commands) => {
    expect(shellCommands(line)).toEqual(commands);
  });

  test('reads the commands inside $(...), backquotes and quoted substitutions', () => {
    const programs = (line: string) => shellCommands(line).map((words) => words[0]);
    expect(programs('echo $(curl -s x)')).toEqual(['curl', 'echo']);
    expect(programs('test "$(redis-cli ping)" = PONG')).toEqual(['redis-cli', 'test']);
    expect(programs('x=`wget -qO- y`')).toEqual(['wget', 'x=\u0000']);
    expect(programs('echo "`nc -z h 1`"')).toEqual(['nc', 'echo']);
    expect(programs('echo $(a $(b) "$(c)")')).toEqual(['b', 'c', 'a', 'echo']);
    expect(programs('echo $( (curl x) )')).toEqual(['curl', 'echo']);
  });

  test('never throws on odd input and ends at the end of the line', () => {
    for (const line of ['', ')', '((((', '$(', '`', '"', "'", '\\', '${', '>', '2>', '&&&', '$($($(']) {
      expect(() => shellCommands(line)).not.toThrow();
    }
  });

  test('stops following substitutions nested deeper than its guard, without failing', () => {
    const deep = `${'$('.repeat(40)}curl x${')'.repeat(40)}`;
    expect(shellCommands(deep).map((w) => w[0])).not.toContain('curl');
  });
});

describe('toolsRun (exec form)', () => {
  test.each<[string[], string[]]>([
    [['curl', '-f', 'x'], ['curl']],
    [['/usr/bin/curl', '-f', 'x'], ['curl']],
    [['sh', '-c', 'curl -f http://localhost:8000/health || exit 1'], ['sh', 'curl', 'exit']],
    [['bash', '-ec', 'wget -q x && echo ok'], ['bash', 'wget', 'echo']],
    [['bash', '-o', 'pipefail', '-c', 'curl x | grep ok'], ['bash', 'curl', 'grep']],
    [['sh', '--', 'script.sh'], ['sh']],
    [['sh', '-e', 'script.sh'], ['sh']],
    [['sh', '-c', 'sh -c "bash -c \'curl x\'"'], ['sh', 'bash', 'curl']],
    [['exec', 'curl', 'x'], ['curl']],
    [['env', '-i', '-u', 'B', 'A=1', 'curl', 'x'], ['curl']],
    [['timeout', '5', 'curl', 'x'], ['curl']],
    [['timeout', '-s', 'KILL', '-k', '2', '5s', 'wget', 'x'], ['wget']],
    [['nice', '-n', '10', 'nohup', 'command', 'curl'], ['curl']],
    [['A=1', 'B=2', 'curl'], ['curl']],
    [['python3', '-c', "import requests; requests.get('http://x')"], ['python3', 'requests']],
    [['python', '-c', 'import httpx,sys\nhttpx.get("x")'], ['python', 'httpx', 'sys']],
    [['python3.12', '-u', '-c', 'from requests.adapters import HTTPAdapter'], ['python3.12', 'requests']],
    [['python3', '-Ic', '__import__("requests").get("x")'], ['python3', 'requests']],
    [['python3', '-m', 'httpx', 'http://x'], ['python3', 'httpx']],
    [['python3', '-mhttp.server'], ['python3', 'http']],
    [['python3', '-W', 'ignore', '-c', 'import requests'], ['python3', 'requests']],
    [['python3', 'probe.py', '-c', 'import requests'], ['python3']],
    [['$CURL', 'x'], []],
    [['exec'], []],
  ])('%p runs %p', (argv, tools) => {
    expect(toolsRun(argv)).toEqual(tools);
  });
});

describe('toolsRunByShell (CMD-SHELL and sh -c lines)', () => {
  test.each<[string, string[]]>([
    ['curl -f http://localhost:8000/health || exit 1', ['curl', 'exit']],
    ['exec env FOO=1 timeout 5 wget -q -O- http://x/ && echo ok', ['wget', 'echo']],
    ['if curl -fs x; then exit 0; else exit 1; fi', ['curl', 'exit']],
    ['! wget -q x', ['wget']],
    ['test "$(curl -s x)" = ok', ['curl', 'test']],
    ['python3 -c "import requests; requests.get(\'http://x\')" || exit 1', ['python3', 'requests', 'exit']],
    ['pg_isready -h 127.0.0.1 -U app', ['pg_isready']],
    ["exec 3<>/dev/tcp/127.0.0.1/8000 && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3", ['printf']],
  ])('%p runs %p', (line, tools) => {
    expect(toolsRunByShell(line)).toEqual(tools);
  });

  test('an argument that names a tool is not a call', () => {
    expect(toolsRunByShell('echo curl wget python3')).toEqual(['echo']);
  });
});

describe('pythonImports', () => {
  test.each<[string, string[]]>([
    ['import requests', ['requests']],
    ['import os.path, httpx as h; import sys', ['os', 'httpx', 'sys']],
    ['from urllib.request import urlopen', ['urllib']],
    ['try: import requests\nexcept ImportError: pass', ['requests']],
    ["importlib.import_module('httpx')", ['httpx']],
    ["print('imported')", []],
  ])('%p imports %p', (code, modules) => {
    expect(pythonImports(code)).toEqual(modules);
  });
});

/** What a command substitution's output reads as in a word. */
const S = '\u0000';

describe('shellCommands: the grammar, character by character', () => {
  test.each<[string, string[][]]>([
    // Blanks: space, tab and carriage return separate words; runs of them are one separator.
    ['', []],
    [' \t\r ', []],
    ['a\tb', [['a', 'b']]],
    ['a\rb', [['a', 'b']]],
    ['a  \t b', [['a', 'b']]],
    // Each operator character ends a command, spaced or not; runs of them end only empty ones.
    ['a;b', [['a'], ['b']]],
    ['a&b', [['a'], ['b']]],
    ['a|b', [['a'], ['b']]],
    ['a\nb', [['a'], ['b']]],
    ['a & b', [['a'], ['b']]],
    ['a&&b||c;;d|&e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    [';a;', [['a']]],
    // Parentheses end commands; a stray `)` at the top does not end the line.
    ['(a)b', [['a'], ['b']]],
    ['a) b', [['a'], ['b']]],
    ['a(b)', [['a'], ['b']]],
    ['((a) b) c', [['a'], ['b'], ['c']]],
    // Comments: `#` opens one only at the start of a word, and one runs to the end of its line.
    ['# all\na', [['a']]],
    ['a #b c\nd', [['a'], ['d']]],
    ['a#b #c', [['a#b']]],
    ['"#" a', [['#', 'a']]],
    // A backslash quotes the next character, at the start of a word or inside one; before a newline it joins lines.
    ['\\$HOME x', [['$HOME', 'x']]],
    ['a\\;b \\"c', [['a;b', '"c']]],
    ['a\\\nb', [['ab']]],
    ['echo a\\', [['echo', 'a']]],
    ['\\', [['']]],
    // Single quotes keep everything as it is, backslashes and `$(` included, and join the word around them.
    ["'a b' c", [['a b', 'c']]],
    ["x'a b'y", [['xa by']]],
    ["''", [['']]],
    ["'' a", [['', 'a']]],
    ["'a\\b' '$(c)' '\"'", [['a\\b', '$(c)', '"']]],
    ["echo 'a;b", [['echo', 'a;b']]],
    // Double quotes: a backslash quotes only $ ` " \ and a newline; the rest keep their backslash.
    ['"a b" c', [['a b', 'c']]],
    ['x"a b"y', [['xa by']]],
    ['"" a', [['', 'a']]],
    ['"a\\`b\\\\c\\\nd\\$e\\"f\\x"', [['a`b\\cd$e"f\\x']]],
    ['echo "$HOME" "a$b" "a(b);c|d\'e"', [['echo', '$HOME', 'a$b', "a(b);c|d'e"]]],
    ['echo "a b', [['echo', 'a b']]],
    ['echo "a\\', [['echo', 'a\\']]],
    // Backquotes: the commands inside are read (before the one holding them); the word holds a stand-in.
    ['echo `a b`', [['a', 'b'], ['echo', S]]],
    ['x`a`y', [['a'], [`x${S}y`]]],
    ['`a`', [['a'], [S]]],
    ['echo `a b', [['a', 'b'], ['echo', S]]],
    ['echo `a \\`b\\``', [['b'], ['a', S], ['echo', S]]],
    ['`echo a\\\\b \\$(c) \\"d\\" \\e`', [['c'], ['echo', 'ab', S, '"d"', 'e'], [S]]],
    ['`echo a$b`', [['echo', 'a$b'], [S]]],
    ['echo "x`a`y"', [['a'], ['echo', `x${S}y`]]],
    // $(...): read to its own `)`, counting the parentheses inside; unterminated, to the end of the line.
    ['$(a)', [['a'], [S]]],
    ['x$(a)y', [['a'], [`x${S}y`]]],
    ['echo $(a) b', [['a'], ['echo', S, 'b']]],
    ['echo $(a', [['a'], ['echo', S]]],
    ['echo $( (a) ) b', [['a'], ['echo', S, 'b']]],
    ['echo $( ( (a) ) b) c', [['a'], ['b'], ['echo', S, 'c']]],
    ['echo "$(a) $(b)"', [['a'], ['b'], ['echo', `${S} ${S}`]]],
    ['echo "x$(a)y"', [['a'], ['echo', `x${S}y`]]],
    // ${...} is kept whole up to its `}` (blanks inside too); a lone `$` and `$NAME` are plain characters.
    ['echo ${A:- } z', [['echo', '${A:- }', 'z']]],
    ['x${A}y ${B}', [['x${A}y', '${B}']]],
    ['echo ${A b', [['echo', '${A b']]],
    ['echo $PORT x $', [['echo', '$PORT', 'x', '$']]],
    ['echo a{b c}', [['echo', 'a{b', 'c}']]],
    // Redirections: the operator and its target word go; digits right before the operator are a descriptor.
    ['cat <in x', [['cat', 'x']]],
    ['cat >out x', [['cat', 'x']]],
    ['a >>log b', [['a', 'b']]],
    ['a >|log b', [['a', 'b']]],
    ['a 2>&1 b', [['a', 'b']]],
    ['a &>>log b', [['a', 'b']]],
    ['a 3<>/dev/tcp/h/1 b', [['a', 'b']]],
    ['a > "x y" b', [['a', 'b']]],
    ['a x>out', [['a', 'x']]],
    ['a >x b >y c', [['a', 'b', 'c']]],
    ['echo a1>x 1a>y 10>z', [['echo', 'a1', '1a']]],
    ['a > ; b', [['a'], ['b']]],
    ['a >\nb', [['a'], ['b']]],
    ['a >', [['a']]],
  ])('reads %j as %j', (line, commands) => {
    expect(shellCommands(line)).toEqual(commands);
  });
});

describe('shellCommands: nesting depth', () => {
  const nested = (n: number) => `${'$('.repeat(n)}a${')'.repeat(n)}`;

  test.each<[string, number, string[][]]>([
    ['$(a)', 15, [['a'], [S]]],
    ['$(a)', 16, [[S]]],
    ['`a`', 15, [['a'], [S]]],
    ['`a`', 16, [[S]]],
    ['$($(a))', 15, [[S], [S]]],
    ['`$(a)`', 15, [[S], [S]]],
    ['`\\`a\\``', 15, [[S], [S]]],
  ])('%j at depth %d reads %j', (line, depth, commands) => {
    expect(shellCommands(line, depth)).toEqual(commands);
  });

  test('follows 16 nested substitutions and not a 17th', () => {
    expect(shellCommands(nested(16))).toEqual([['a'], ...Array.from({ length: 16 }, () => [S])]);
    expect(shellCommands(nested(17))).toEqual(Array.from({ length: 17 }, () => [S]));
  });
});

describe('toolsRun: programs, wrappers, shells and Python', () => {
  test.each<[string[], string[]]>([
    // The program: a basename; nothing for an empty name, a substitution or a variable.
    [[], []],
    [['/usr/local/bin/curl', 'x'], ['curl']],
    [['/usr/bin/'], []],
    [[''], []],
    [[S], []],
    [[`a${S}b`], []],
    [['x$'], ['x$']],
    // Assignments before the program, and a word that only looks like one.
    [['_x=1', 'aZz_9=2', 'A=3', 'curl'], ['curl']],
    [['9X=1', 'curl'], ['9X=1']],
    [['A=1'], []],
    // Wrappers, their options that take a value, `--`, and the operand of `timeout`.
    [['exec', '-a', 'name', 'curl'], ['curl']],
    [['exec', '--', '-x'], ['-x']],
    [['env', '-i', 'curl'], ['curl']],
    [['env', '-C', '/app', 'curl'], ['curl']],
    [['env', '--unset', 'X', '--unset=Y', 'curl'], ['curl']],
    [['env', '--chdir', '/app', 'curl'], ['curl']],
    [['timeout', '--signal', 'KILL', '--kill-after', '2', '5', 'curl'], ['curl']],
    [['timeout', '5'], []],
    [['timeout'], []],
    [['nice', '--adjustment', '5', 'curl'], ['curl']],
    [['nohup', 'curl'], ['curl']],
    [['command', '-v', 'curl'], ['curl']],
    [['stdbuf', '-i', '0', '-o', 'L', '-e', '0', 'curl'], ['curl']],
    [['exec', 'env', 'A=1', 'nice', 'curl'], ['curl']],
    // Every shell, its -c string, and what ends the options.
    [['/bin/sh', '-c', 'curl x'], ['sh', 'curl']],
    [['bash', '-c', 'curl x'], ['bash', 'curl']],
    [['dash', '-c', 'curl x'], ['dash', 'curl']],
    [['ash', '-c', 'curl x'], ['ash', 'curl']],
    [['zsh', '-c', 'curl x'], ['zsh', 'curl']],
    [['ksh', '-c', 'curl x'], ['ksh', 'curl']],
    [['mksh', '-c', 'curl x'], ['mksh', 'curl']],
    [['sh'], ['sh']],
    [['sh', '-c'], ['sh']],
    [['sh', 'script.sh'], ['sh']],
    [['sh', '-c', '--', 'curl x'], ['sh', 'curl']],
    [['sh', '-c', 'curl -fsS'], ['sh', 'curl']],
    [['bash', '+o', 'posix', '-c', 'curl x'], ['bash', 'curl']],
    [['sh', '+e', '-c', 'curl x'], ['sh', 'curl']],
    [['sh', '+c', 'curl x'], ['sh']],
    [['sh', '-Cc', 'curl x'], ['sh', 'curl']],
    [['sh', '-C', 'curl x'], ['sh']],
    [['sh', '-e1', '-c', 'curl x'], ['sh']],
    [['sh', '-c', 'sh -c curl'], ['sh', 'curl']],
    [['sh', '-c', '$(curl x) y'], ['sh', 'curl']],
    // -c and -m of other programs are not Python's or a shell's.
    [['psql', '-c', 'import os'], ['psql']],
    // Python: the interpreter's names, its options, -c code and -m modules.
    [['python', '-c', 'import os'], ['python', 'os']],
    [['python2.7', '-c', 'import os'], ['python2.7', 'os']],
    [['python310', '-c', 'import os'], ['python310', 'os']],
    [['bpython', '-c', 'import os'], ['bpython']],
    [['python3-config', '-c', 'import os'], ['python3-config']],
    [['python3'], ['python3']],
    [['python3', '-u'], ['python3']],
    [['python3', '-c'], ['python3']],
    [['python3', '-m'], ['python3']],
    [['python3', '-', 'x'], ['python3']],
    [['python3', '-uc', 'import os'], ['python3', 'os']],
    [['python3', '-cimport os'], ['python3', 'os']],
    [['python3', '-cimport os\nimport sys'], ['python3', 'os', 'sys']],
    [['python3', '-X', 'importtime', '-c', 'import os'], ['python3', 'os']],
    [['python3', '-Ximporttime', '-c', 'import os'], ['python3', 'os']],
    [['python3', '-W', 'module', '-c', 'import os'], ['python3', 'os']],
    [['python3', '-Wmodule', '-c', 'import os'], ['python3', 'os']],
    [['python3', '--no-cache', '-c', 'import os'], ['python3', 'os']],
    [['python3', '-m', 'http.server'], ['python3', 'http']],
  ])('%j runs %j', (argv, tools) => {
    expect(toolsRun(argv)).toEqual(tools);
  });

  test.each(['if', 'then', 'elif', 'else', 'while', 'until', 'do', '!', '{', 'time', 'fi', 'done', '}'])('the reserved word %j is not the program', (keyword) => {
    expect(toolsRun([keyword, 'curl'])).toEqual(['curl']);
  });

  test.each<[string[], number, string[]]>([
    [['sh', '-c', 'curl x'], 15, ['sh', 'curl']],
    [['sh', '-c', 'curl x'], 16, ['sh']],
    [['python3', '-c', 'import os'], 15, ['python3', 'os']],
    [['python3', '-c', 'import os'], 16, ['python3']],
    [['sh', '-c', 'bash -c "curl x"'], 14, ['sh', 'bash', 'curl']],
    [['sh', '-c', 'bash -c "curl x"'], 15, ['sh', 'bash']],
  ])('%j at depth %d runs %j', (argv, depth, tools) => {
    expect(toolsRun(argv, depth)).toEqual(tools);
  });
});

describe('toolsRunByShell: more lines', () => {
  test.each<[string, number, string[]]>([
    ["'' curl", 0, []],
    ['curl x; curl y', 0, ['curl']],
    ['curl x', 16, ['curl']],
    ['sh -c "curl x"', 15, ['sh', 'curl']],
    ['sh -c "curl x"', 16, ['sh']],
  ])('%j at depth %d runs %j', (line, depth, tools) => {
    expect(toolsRunByShell(line, depth)).toEqual(tools);
  });
});

describe('pythonImports: statement forms', () => {
  test.each<[string, string[]]>([
    ['import os.path, sys', ['os', 'sys']],
    ['import aaa  as  bbb, ccc  as  ddd, eee', ['aaa', 'ccc', 'eee']],
    ['import aaa,bbb', ['aaa', 'bbb']],
    ['import aaa , bbb', ['aaa', 'bbb']],
    ['import  os', ['os']],
    ['  import Crypto, _thread', ['Crypto', '_thread']],
    ['x=1;import os', ['os']],
    ['x=1\nimport os', ['os']],
    ['try:import os', ['os']],
    ['x; import os', ['os']],
    ['reimport os', []],
    ['import os; import os', ['os']],
    ['from os.path import join', ['os']],
    ['from  aaa  import b', ['aaa']],
    ['x=1;from aaa import b', ['aaa']],
    ['x; from aaa import b', ['aaa']],
    ['from aaa imports b', []],
    ["__import__( 'os.path')", ['os']],
    ['importlib.import_module("Crypto")', ['Crypto']],
    ["my__import__('os')", []],
  ])('%j imports %j', (code, modules) => {
    expect(pythonImports(code)).toEqual(modules);
  });
});
