import { formatProblem } from '../../constructs/errors';
import { SIZE_MAX_BYTES } from '../../constructs/limits';
import { Size } from '../../constructs/size';
import { problemOf } from '../support/factory-error';

const KIB = 1024;
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

// A value type: tested without a stack.
describe('Size', () => {
  test('converts between binary units', () => {
    expect(Size.gibibytes(1).toMebibytes()).toBe(1024);
    expect(Size.mebibytes(512).toBytes()).toBe(512 * MIB);
    expect(Size.kibibytes(2).toBytes()).toBe(2 * KIB);
    expect(Size.mebibytes(1.5).toBytes()).toBe(1.5 * MIB);
  });

  describe('parse', () => {
    test.each([
      ['512m', 512 * MIB],
      ['1g', GIB],
      ['64k', 64 * KIB],
      ['10MB', 10 * MIB],
      ['2GiB', 2 * GIB],
      ['100b', 100],
      ['1024k', MIB],
      ['12345b', 12345],
      [' 256 m ', 256 * MIB],
      ['0b', 0],
    ])('parses Docker notation %p', (text, bytes) => {
      expect(Size.parse(text).toBytes()).toBe(bytes);
    });

    test.each([
      ['a fraction', '1.5g', /^not a whole number of g/, 'write "1536m"'],
      ['a fraction of two digits', '1.25g', /^not a whole number of g/, 'write "1280m"'],
      ['a character after the unit', '1g!', /^not a size/, undefined],
      ['a letter before the unit', '1xg', /^unknown unit "xg"/, undefined],
      ['a fraction of a byte', '1.5b', /^not a whole number of b/, 'write a whole number of bytes: "1b" or "2b"'],
      ['trailing garbage', '512mx', /^unknown unit "mx"/, undefined],
      ['leading garbage', 'x512m', /^not a size/, undefined],
      ['a unit Docker does not take', '10t', /^unknown unit "t"/, undefined],
      ['no unit', '512', /^no unit/, 'write "512m" for MiB, or "512b" for bytes'],
      ['a negative number', '-1m', /^not a size/, undefined],
      ['words', 'ten', /^not a size/, undefined],
      ['empty', '', /^an empty size/, undefined],
      ['blank', '   ', /^an empty size/, undefined],
    ])('fails when parsing %s (%p), naming Size.parse, the text and the notation', (_what, text, message, fix) => {
      const problem = problemOf(() => Size.parse(text));
      expect(problem).toMatchObject({ path: 'Size.parse', field: 'text', value: text, message: expect.stringMatching(message) });
      expect(problem.message).toContain('a whole number and a unit b, k, m or g');
      if (fix) expect(problem.fix).toBe(fix);
    });

    test('fails when the text is not set (an unset environment variable), saying so', () => {
      const problem = problemOf(() => Size.parse(process.env.CDS_TEST_SURELY_UNSET_SIZE as string));
      expect(formatProblem(problem)).toBe(
        '[props] Size.parse: text = (not set): no size given. Fix: pass a size such as "512m" (an unset environment variable reads as undefined: check that it is set)',
      );
    });

    test.each([
      ['null', null, /^no size given/],
      ['a number', 512, /^a number, not text/],
    ])('fails when the text is %s', (_what, value, message) => {
      expect(problemOf(() => Size.parse(value as unknown as string))).toMatchObject({ path: 'Size.parse', field: 'text', value, message: expect.stringMatching(message) });
    });

    test('given the maximum in g, when parsed, then it is accepted; one g more fails with the maximum, not "whole bytes"', () => {
      const maxG = SIZE_MAX_BYTES / GIB;
      expect(Size.parse(`${maxG}g`).toBytes()).toBe(SIZE_MAX_BYTES);
      const problem = problemOf(() => Size.parse(`${maxG + 1}g`));
      expect(problem.message).toBe('above the maximum 1 PiB (1048576g)');
      expect(problem.fix).toBe('use at most "1048576g"');
    });

    test('fails when the size is far too large (99999999g), naming the maximum', () => {
      expect(problemOf(() => Size.parse('99999999g')).message).toBe('above the maximum 1 PiB (1048576g)');
    });
  });

  describe('factories', () => {
    test('given the maximum, when made in each unit, then it is accepted; one unit more fails', () => {
      expect(Size.bytes(SIZE_MAX_BYTES).toBytes()).toBe(SIZE_MAX_BYTES);
      expect(Size.gibibytes(SIZE_MAX_BYTES / GIB).toBytes()).toBe(SIZE_MAX_BYTES);
      expect(problemOf(() => Size.bytes(SIZE_MAX_BYTES + 1))).toMatchObject({ path: 'Size.bytes', field: 'amount', message: 'above the maximum 1 PiB (1048576g)' });
      expect(problemOf(() => Size.gibibytes(SIZE_MAX_BYTES / GIB + 1))).toMatchObject({ path: 'Size.gibibytes', message: 'above the maximum 1 PiB (1048576g)' });
      expect(problemOf(() => Size.mebibytes(SIZE_MAX_BYTES / MIB + 1))).toMatchObject({ path: 'Size.mebibytes', fix: 'use at most Size.mebibytes(1073741824)' });
    });

    test('given zero, when made, then it is accepted (the minimum)', () => {
      expect(Size.bytes(0).toBytes()).toBe(0);
    });

    test.each([
      ['negative', -1, /^below the minimum 0/],
      ['NaN', Number.NaN, /^NaN \(not a number\)/],
      ['Infinity', Number.POSITIVE_INFINITY, /^not finite/],
      ['undefined', undefined, /^no number given/],
      ['null', null, /^no number given/],
      ['a string', '512', /^a string, not a number/],
    ])('fails when the amount is %s, naming the factory, the field and the value', (_what, value, message) => {
      for (const [factory, make] of [
        ['Size.bytes', Size.bytes],
        ['Size.kibibytes', Size.kibibytes],
        ['Size.mebibytes', Size.mebibytes],
        ['Size.gibibytes', Size.gibibytes],
      ] as const) {
        const problem = problemOf(() => make(value as number));
        expect(problem).toMatchObject({ path: factory, field: 'amount', message: expect.stringMatching(message) });
        expect(problem.value).toEqual(value);
      }
    });

    test('fails when the amount is not a whole number of bytes', () => {
      expect(problemOf(() => Size.bytes(0.5))).toMatchObject({ path: 'Size.bytes', message: 'not a whole number of bytes (0.5 bytes)' });
      expect(problemOf(() => Size.mebibytes(0.3))).toMatchObject({
        path: 'Size.mebibytes',
        message: 'not a whole number of bytes (314572.8 bytes)',
        fix: 'give a whole number of bytes; use a smaller unit (Size.kibibytes, Size.bytes) for finer amounts',
      });
    });
  });

  // The titles hold literals only (the label, then the string): a title printed from a Size
  // changes under a mutant, and the mutation baseline then cannot find the test that killed it
  // (it is tested again on every run).
  test.each([
    ['Size.mebibytes(10)', '10m', Size.mebibytes(10)],
    ['Size.gibibytes(1)', '1g', Size.gibibytes(1)],
    ['Size.kibibytes(1536)', '1536k', Size.kibibytes(1536)],
    ['Size.bytes(100)', '100b', Size.bytes(100)],
    ['Size.bytes(0)', '0b', Size.bytes(0)],
  ])('renders %s as the shortest exact Docker string %s', (_label, text, size) => {
    expect(size.toDockerString()).toBe(text);
  });

  test('fails when asked for whole MiB of a size that is not, with a ValidationError', () => {
    expect(Size.kibibytes(1536).isWholeMebibytes()).toBe(false);
    expect(problemOf(() => Size.kibibytes(1536).toMebibytes())).toMatchObject({ path: 'Size.toMebibytes', value: Size.kibibytes(1536), message: 'not a whole number of MiB' });
  });

  test('compares sizes and is recognised by its brand', () => {
    expect(Size.mebibytes(1).compareTo(Size.kibibytes(1024))).toBe(0);
    expect(Size.mebibytes(1).compareTo(Size.mebibytes(2))).toBeLessThan(0);
    expect(Size.isSize(Size.bytes(1))).toBe(true);
    expect(Size.isSize({ toBytes: () => 1 })).toBe(false);
  });
});

describe('Size refusals, whole', () => {
  const NOTATION = 'expected a whole number and a unit b, k, m or g (binary: 1k = 1024 bytes), e.g. "512m"';
  test.each<[string, unknown, string, string]>([
    ['a number', 5, `a number, not text; ${NOTATION}`, 'write the size with its unit, e.g. "512m", or use Size.mebibytes(n)'],
    ['blanks only', ' ', `an empty size; ${NOTATION}`, 'write a size such as "512m" (an unset environment variable reads as undefined: check that it is set)'],
    ['text', 'abc', `not a size; ${NOTATION}`, 'write a size such as "512m", "1g" or "64k"'],
    ['an unknown unit', '5x', `unknown unit "x"; ${NOTATION}`, 'use b, k, m or g (Docker takes no other unit)'],
    ['a fraction of k', '1.5k', `not a whole number of k; ${NOTATION}`, 'write "1536b"'],
    ['a fraction of m', '1.5m', `not a whole number of m; ${NOTATION}`, 'write "1536k"'],
    ['a fraction of g, in m', '1.5g', `not a whole number of g; ${NOTATION}`, 'write "1536m"'],
    // 1 g + 1/2048 g: half a MiB over, so the first whole unit is k.
    ['a fraction of g that is no whole number of m', '1.00048828125g', `not a whole number of g; ${NOTATION}`, 'write "1049088k"'],
    ['a fraction of g that is no whole number of bytes', '1.0001g', `not a whole number of g; ${NOTATION}`, 'write a whole number of bytes: "1073849198b" or "1073849199b"'],
    ['a fraction of a byte', '0.5b', `not a whole number of b; ${NOTATION}`, 'write a whole number of bytes: "0b" or "1b"'],
    ['far above the maximum', '99999999g', 'above the maximum 1 PiB (1048576g)', 'use at most "1048576g"'],
  ])('refuses %s, with the notation and the fix', (_what, text, message, fix) => {
    expect(problemOf(() => Size.parse(text as string))).toEqual({ ruleId: 'props', path: 'Size.parse', field: 'text', value: text, message, fix });
  });

  test('refuses whole MiB of a size that has none, whole', () => {
    const size = Size.parse('1536k');
    expect(problemOf(() => size.toMebibytes())).toEqual({
      ruleId: 'props', path: 'Size.toMebibytes', field: '(size)', value: size, message: 'not a whole number of MiB', fix: 'use Size.mebibytes(n) or Size.gibibytes(n) where whole MiB are needed',
    });
  });
});
