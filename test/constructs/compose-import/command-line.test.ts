import { openQuote, splitCommand } from '../../../constructs/compose-import/command-line';

// Each row: what it shows, the command as written in a compose file, and the arguments compose runs.
describe('splitCommand', () => {
  test.each<[string, string, string[]]>([
    ['nothing is no argument', '', []],
    ['whitespace only is no argument', ' \t\n ', []],
    ['whitespace separates, however much of it', '  uvicorn  app:main\t--port 8000 ', ['uvicorn', 'app:main', '--port', '8000']],
    ['single quotes group and keep everything literally', `sh -c 'echo "hi" $HOME \\n'`, ['sh', '-c', 'echo "hi" $HOME \\n']],
    ['double quotes group', 'echo "a  b"', ['echo', 'a  b']],
    ['quoted parts join the word around them', `a'b'"c"d`, ['abcd']],
    ['an empty quoted word is an argument', `a '' "" b`, ['a', '', '', 'b']],
    ['a backslash in double quotes escapes " \\ $ and `', '"\\"\\\\\\$\\`"', ['"\\$`']],
    ['a backslash in double quotes before another character stays', '"a\\nb"', ['a\\nb']],
    ['a backslash at the end of a double-quoted word stays', '"ab\\', ['ab\\']],
    ['a backslash outside quotes escapes the next character, a space too', 'a\\ b \\\'c', ['a b', "'c"]],
    ['an escaped space alone is a word', '\\ ', [' ']],
    ['a backslash at the very end stays', 'a\\', ['a\\']],
  ])('%s', (_what, text, expected) => {
    expect(splitCommand(text)).toEqual(expected);
  });
});

describe('openQuote', () => {
  test.each<[string, string, '"' | "'" | undefined]>([
    ['no quote', 'echo hi', undefined],
    ['closed quotes', `echo "a" 'b'`, undefined],
    ['an escaped double quote outside quotes', 'echo \\"', undefined],
    ['a double quote inside single quotes', `echo '"'`, undefined],
    ['an open double quote', 'echo "open', '"'],
    ['an open single quote', "echo 'open", "'"],
    ['an escaped quote inside double quotes, left open', 'echo "a\\"', '"'],
  ])('%s', (_what, text, expected) => {
    expect(openQuote(text)).toBe(expected);
  });
});
