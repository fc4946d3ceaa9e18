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
