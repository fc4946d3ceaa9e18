import { isComposeMap, scalarText } from '../../../constructs/compose-import/compose-map';

describe('isComposeMap', () => {
  test.each<[unknown, boolean]>([[{}, true], [{ a: 1 }, true], [[], false], [null, false], ['a', false], [undefined, false]])('given %p, then %p', (value, expected) => {
    expect(isComposeMap(value)).toBe(expected);
  });
});

describe('scalarText', () => {
  test.each<[unknown, string]>([
    ['5s', '5s'], [1, '1'], [true, 'true'], [false, 'false'], [10n, '10'], [Number.NaN, 'NaN'], [Number.POSITIVE_INFINITY, 'Infinity'], [-0.5, '-0.5'], [null, 'null'], [{ a: 1 }, '{"a":1}'], [['x'], '["x"]'], [undefined, ''],
  ])('shows %p as %p', (value, text) => {
    expect(scalarText(value)).toBe(text);
  });
});
