import { interpolate, variableSource } from '../../../constructs/compose-import/interpolation';

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
