import { describeInterpolationIssue, interpolate, variableSource } from '../../../constructs/compose-import/interpolation';

describe('variableSource', () => {
  const variables = { A: 'a-value', B: 'b-value', EMPTY: '', _UNDERSCORE: 'u' };

  it.each([
    ['$A', 'A'],
    ['${A}', 'A'],
    ['${A:-default}', 'A'],
    ['${A-default}', 'A'],
    ['${A:?required}', 'A'],
    ['${A?required}', 'A'],
    ['${A:-${B}}', 'A'],
    // set but empty: only the forms without ":" take the empty value from the variable
    ['${EMPTY-default}', 'EMPTY'],
    ['${EMPTY}', 'EMPTY'],
    ['$_UNDERSCORE', '_UNDERSCORE'],
  ])('finds the variable %s takes its whole value from', (text, variable) => {
    expect(variableSource(text, variables)).toBe(variable);
  });

  it.each([
    ['a literal', 'plain'],
    ['an unset variable', '${UNSET}'],
    ['an unset bare variable', '$UNSET'],
    ['a default that applied', '${UNSET:-fallback}'],
    ['a default that applied to an empty value', '${EMPTY:-fallback}'],
    ['a replacement', '${A:+other}'],
    ['a replacement without ":"', '${A+other}'],
    ['text before', 'x${A}'],
    ['text after', '${A}x'],
    ['text after a bare variable', '$A-x'],
    ['two variables', '${A}${B}'],
    ['an escaped dollar', '$$A'],
    ['an unclosed brace', '${A'],
    ['no name', '${}'],
    ['a name starting with a digit', '${1A}'],
    ['an empty text', ''],
    ['a brace closed without "${"', 'xxA}'],
    ['a bad operator', '${A!x}'],
  ])('finds none in %s', (_what, text) => {
    expect(variableSource(text, variables)).toBeUndefined();
  });

  it('agrees with interpolate on the value it stands for', () => {
    for (const text of ['$A', '${A}', '${A:-d}', '${A?e}', '${EMPTY-d}']) {
      const variable = variableSource(text, variables);
      expect(variable).toBeDefined();
      expect(interpolate(text, variables).value).toBe(variables[variable as keyof typeof variables]);
    }
  });
});

describe('interpolate', () => {
  const variables = { A: 'a', B: 'b', EMPTY: '' };

  it.each([
    ['plain', 'plain', []],
    ['$A', 'a', []],
    ['${A}', 'a', []],
    ['$A-x.$B', 'a-x.b', []],
    ['_$A_', '_', ['A_']],
    ['$$A', '$A', []],
    ['$$', '$', []],
    ['cost: $$5', 'cost: $5', []],
    ['$UNSET', '', ['UNSET']],
    ['${UNSET}x', 'x', ['UNSET']],
    // defaults: ":" also for an empty value
    ['${UNSET:-d}', 'd', []],
    ['${EMPTY:-d}', 'd', []],
    ['${UNSET-d}', 'd', []],
    ['${EMPTY-d}', '', []],
    ['${A:-d}', 'a', []],
    ['${UNSET:-${B}}', 'b', []],
    ['${UNSET:-${UNSET2}}', '', ['UNSET2']],
    ['${A:-${UNSET2}}', 'a', []],
    ['${UNSET:-}', '', []],
    // replacements
    ['${A:+r}', 'r', []],
    ['${EMPTY:+r}', '', []],
    ['${EMPTY+r}', 'r', []],
    ['${UNSET+r}', '', []],
    ['${A:+${UNSET2}}', '', ['UNSET2']],
    ['${UNSET:+${UNSET2}}', '', []],
    // required
    ['${A:?e}', 'a', []],
    ['${EMPTY?e}', '', []],
    ['${A?${UNSET2}}', 'a', []],
  ] as const)('reads %p as %p, with %p unset', (text, value, unset) => {
    expect(interpolate(text, variables)).toEqual({ value, unset });
  });

  it.each([
    ['${UNSET:?set it}', { kind: 'required', variable: 'UNSET', message: 'set it' }],
    ['${EMPTY:?}', { kind: 'required', variable: 'EMPTY', message: 'variable EMPTY is required' }],
    ['${UNSET?}', { kind: 'required', variable: 'UNSET', message: 'variable UNSET is required' }],
    ['cost $ 5', { kind: 'syntax', message: 'a "$" at position 6 starts no variable' }],
    ['a $-b', { kind: 'syntax', message: 'a "$" at position 3 starts no variable' }],
    ['$1', { kind: 'syntax', message: 'a "$" at position 1 starts no variable' }],
    ['x$', { kind: 'syntax', message: 'a "$" at position 2 starts no variable' }],
    ['x${}', { kind: 'syntax', message: '"${" at position 2 is not followed by a variable name' }],
    ['${-A}', { kind: 'syntax', message: '"${" at position 1 is not followed by a variable name' }],
    ['${A!x}', { kind: 'syntax', message: 'unexpected "!" after ${A' }],
    ['${A', { kind: 'syntax', message: 'unexpected end of text after ${A' }],
    ['${A:-x', { kind: 'syntax', message: 'a "${" is never closed by "}"' }],
  ] as const)('stops at %p with the issue, keeping the text', (text, error) => {
    expect(interpolate(text, variables)).toEqual({ value: text, error, unset: [] });
  });

  it('lists the unset variables read before an issue', () => {
    expect(interpolate('$UNSET ${', variables)).toEqual({ value: '$UNSET ${', error: expect.objectContaining({ kind: 'syntax' }), unset: ['UNSET'] });
  });
});

describe('describeInterpolationIssue', () => {
  it('names a required variable and where to set it', () => {
    expect(describeInterpolationIssue({ kind: 'required', variable: 'TOKEN', message: 'set it' })).toEqual({
      message: '${TOKEN} is required and not set: set it',
      fix: 'set TOKEN in the environment or the env file',
    });
  });

  it('names a syntax issue and the forms that are valid', () => {
    expect(describeInterpolationIssue({ kind: 'syntax', message: 'a "${" is never closed by "}"' })).toEqual({
      message: 'invalid interpolation: a "${" is never closed by "}"',
      fix: 'write ${VAR}, ${VAR:-default} or ${VAR:?message}, and "$$" for a literal "$"',
    });
  });
});
