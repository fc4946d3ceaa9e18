import { Duration, Size, ValidationError } from '../../../constructs';
import {
  article,
  describeRange,
  FactoryProblems,
  numberProblem,
  optionsProblem,
  stringProblem,
  throwArgument,
  UNSET_HINT,
  valueProblem,
  type NumberRange,
} from '../../../constructs/private/arguments';
import { problemOf, problemsOf } from '../../support/factory-error';

// constructs/private/arguments.ts: checks for the arguments of value factories.

const PORT: NumberRange = { min: 1, max: 65535, whole: true };
const CORES: NumberRange = { min: 0.1, max: 64, unit: 'cores' };

describe('FactoryProblems', () => {
  test('given no problem, then it is empty and throwIfAny does not throw', () => {
    const problems = new FactoryProblems('Port.tcp').add('port', 80, undefined);

    expect(problems.isEmpty).toBe(true);
    expect(problems.has('port')).toBe(false);
    expect(problems.problems).toEqual([]);
    expect(() => problems.throwIfAny()).not.toThrow();
  });

  test('fails when problems were added: one ValidationError with each, naming the factory, field, value and fix', () => {
    // Given two bad arguments and a good one
    const problems = new FactoryProblems('LogRotation.jsonFile')
      .add('maxSize', 'big', { message: 'a string, not a Size', fix: 'pass a Size' })
      .add('maxFiles', 3, undefined)
      .add('maxFiles', -1, { message: 'below the minimum 1', fix: 'pass 1 or more' });

    // Then both are recorded, in order, and thrown together
    expect(problems.isEmpty).toBe(false);
    expect(problems.has('maxSize')).toBe(true);
    expect(problems.has('other')).toBe(false);
    expect(problemsOf(() => problems.throwIfAny())).toEqual([
      { ruleId: 'props', path: 'LogRotation.jsonFile', field: 'maxSize', value: 'big', message: 'a string, not a Size', fix: 'pass a Size' },
      { ruleId: 'props', path: 'LogRotation.jsonFile', field: 'maxFiles', value: -1, message: 'below the minimum 1', fix: 'pass 1 or more' },
    ]);
  });
});

describe('throwArgument', () => {
  test('fails with one ValidationError naming the factory, field, value, message and fix', () => {
    expect(problemOf(() => throwArgument('Port.tcp', 'port', 0, { message: 'below the minimum 1', fix: 'pass 1 or more' }))).toEqual({
      ruleId: 'props',
      path: 'Port.tcp',
      field: 'port',
      value: 0,
      message: 'below the minimum 1',
      fix: 'pass 1 or more',
    });
  });
});

describe('describeRange', () => {
  test.each([
    [PORT, 'a whole number from 1 to 65535'],
    [CORES, 'a number from 0.1 to 64 cores'],
    [{ min: 0, max: 8760, unit: 'hours', whole: true }, 'a whole number from 0 to 8760 hours'],
  ])('given %p, then %p', (range, text) => {
    expect(describeRange(range)).toBe(text);
  });
});

describe('numberProblem', () => {
  test.each([
    ['the minimum', PORT.min],
    ['the maximum', PORT.max],
  ])('given %s of a whole range, then nothing is wrong', (_what, value) => {
    expect(numberProblem(value, PORT)).toBeUndefined();
  });

  test.each([CORES.min, CORES.max, 1.5])('given %p in a fractional range, then nothing is wrong', (value) => {
    expect(numberProblem(value, CORES)).toBeUndefined();
  });

  test('fails when one below the minimum', () => {
    expect(numberProblem(PORT.min - 1, PORT)).toEqual({ message: 'below the minimum 1; expected a whole number from 1 to 65535', fix: 'pass 1 or more' });
  });

  test('fails when one above the maximum', () => {
    expect(numberProblem(PORT.max + 1, PORT)).toEqual({ message: 'above the maximum 65535; expected a whole number from 1 to 65535', fix: 'pass at most 65535' });
  });

  test('fails when just outside a fractional range, naming the unit', () => {
    expect(numberProblem(0.09, CORES)).toEqual({ message: 'below the minimum 0.1 cores; expected a number from 0.1 to 64 cores', fix: 'pass 0.1 cores or more' });
    expect(numberProblem(64.01, CORES)).toEqual({ message: 'above the maximum 64 cores; expected a number from 0.1 to 64 cores', fix: 'pass at most 64 cores' });
  });

  test.each([undefined, null])('fails when %p: no number given, with the unset-variable hint', (value) => {
    expect(numberProblem(value, PORT)).toEqual({ message: 'no number given; expected a whole number from 1 to 65535', fix: `pass a whole number from 1 to 65535 (${UNSET_HINT})` });
  });

  test('fails when a numeric string: the fix names the number to pass instead', () => {
    expect(numberProblem('8000', PORT)).toEqual({ message: 'a string, not a number; expected a whole number from 1 to 65535', fix: 'pass the number 8000 itself (convert text with Number(text) and check the result)' });
    expect(numberProblem(' 1.5 ', CORES)?.fix).toBe('pass the number 1.5 itself (convert text with Number(text) and check the result)');
  });

  test.each(['', '   ', 'eighty', '1.5g'])('fails when the string %p holds no number: the fix names the range', (value) => {
    expect(numberProblem(value, PORT)).toEqual({ message: 'a string, not a number; expected a whole number from 1 to 65535', fix: 'pass a whole number from 1 to 65535' });
  });

  test.each([
    [true, 'a boolean'],
    [{}, 'an object'],
    [[80], 'an object'],
    [80n, 'a bigint'],
    [Symbol('x'), 'a symbol'],
    [() => 80, 'a function'],
  ])('fails when %p: %s, not a number', (value, what) => {
    expect(numberProblem(value, PORT)).toEqual({ message: `${what}, not a number; expected a whole number from 1 to 65535`, fix: 'pass a whole number from 1 to 65535' });
  });

  test('fails when NaN, and says where NaN comes from', () => {
    expect(numberProblem(Number.NaN, PORT)).toEqual({
      message: 'NaN (not a number); expected a whole number from 1 to 65535',
      fix: 'pass a whole number from 1 to 65535 (NaN comes from arithmetic on undefined or from Number() of text that is not a number)',
    });
  });

  test.each([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('fails when %p: not finite', (value) => {
    expect(numberProblem(value, CORES)).toEqual({ message: 'not finite; expected a number from 0.1 to 64 cores', fix: 'pass a number from 0.1 to 64 cores' });
  });

  test.each([
    [8000.5, '8000 or 8001'],
    [0.5, '1'],
    [65535.5, '65535'],
    [-3.5, '1'],
  ])('fails when %p is not whole: the fix names the nearest whole numbers in range (%s)', (value, nearest) => {
    expect(numberProblem(value, PORT)).toEqual({ message: 'not a whole number; expected a whole number from 1 to 65535', fix: `pass ${nearest}` });
  });
});

describe('stringProblem', () => {
  test.each(['x', ' padded '])('given %p, then nothing is wrong', (value) => {
    expect(stringProblem(value, 'shell line', '"redis-cli ping"')).toBeUndefined();
  });

  test.each([undefined, null])('fails when %p: none given, with the unset-variable hint', (value) => {
    expect(stringProblem(value, 'shell line', '"redis-cli ping"')).toEqual({ message: 'no shell line given', fix: `pass a shell line, e.g. "redis-cli ping" (${UNSET_HINT})` });
  });

  test.each([
    [42, 'a number'],
    [['a'], 'an object'],
  ])('fails when %p: %s, not a string', (value, what) => {
    expect(stringProblem(value, 'image reference', '"postgres:17"')).toEqual({ message: `${what}, not a string`, fix: 'pass an image reference as a string, e.g. "postgres:17"' });
  });

  test.each(['', ' \n\t'])('fails when blank (%p)', (value) => {
    expect(stringProblem(value, 'image reference', '"postgres:17"')).toEqual({ message: 'an empty image reference', fix: `pass an image reference, e.g. "postgres:17" (${UNSET_HINT})` });
  });
});

describe('optionsProblem', () => {
  test.each([undefined, {}, { port: 80 }])('given %p, then nothing is wrong (every option has a default)', (value) => {
    expect(optionsProblem(value, '{ port }')).toBeUndefined();
  });

  test.each([
    [null, 'null'],
    [[], 'an array'],
    ['8000', 'a string'],
    [8000, 'a number'],
  ])('fails when %p: %s, not an options object', (value, what) => {
    expect(optionsProblem(value, '{ port }')).toEqual({ message: `${what}, not an options object`, fix: 'pass an object, e.g. { port }, or leave it out' });
  });
});

describe('article', () => {
  test.each([
    ['object', 'an object'],
    ['undefined', 'an undefined'],
    ['empty shell line', 'an empty shell line'],
    ['string', 'a string'],
    ['number', 'a number'],
    ['ASGI target', 'an ASGI target'],
    ['Duration', 'a Duration'],
  ])('given %p, then %p', (type, text) => {
    expect(article(type)).toBe(text);
  });
});

describe('valueProblem', () => {
  const sizes = { type: 'Size', is: Size.isSize, min: Size.mebibytes(1), max: Size.gibibytes(1), example: 'Size.mebibytes(10)' } as const;
  const durations = { type: 'Duration', is: Duration.isDuration, min: Duration.seconds(1), max: Duration.hours(1), example: 'Duration.seconds(10)' } as const;

  test.each([
    ['the minimum', Size.mebibytes(1)],
    ['the maximum', Size.gibibytes(1)],
  ])('given %s, then nothing is wrong', (_what, value) => {
    expect(valueProblem(value, sizes)).toBeUndefined();
  });

  test('fails when one byte below the minimum', () => {
    expect(valueProblem(Size.bytes(1024 * 1024 - 1), sizes)).toEqual({
      message: `below the minimum ${String(Size.mebibytes(1))}; expected a Size from ${String(Size.mebibytes(1))} to ${String(Size.gibibytes(1))}`,
      fix: `pass at least ${String(Size.mebibytes(1))}`,
    });
  });

  test('fails when one millisecond above the maximum', () => {
    expect(valueProblem(Duration.millis(3_600_001), durations)).toEqual({
      message: `above the maximum ${String(Duration.hours(1))}; expected a Duration from ${String(Duration.seconds(1))} to ${String(Duration.hours(1))}`,
      fix: `pass at most ${String(Duration.hours(1))}`,
    });
  });

  test('fails when text: the fix shows how to parse it', () => {
    expect(valueProblem('30s', durations)).toEqual({ message: 'a string, not a Duration', fix: 'pass a Duration, e.g. Duration.parse("30s") or Duration.seconds(10)' });
  });

  test.each([
    [undefined, 'nothing'],
    [null, 'null'],
    [512, 'a number'],
    [Duration.seconds(1), 'an object'],
  ])('fails when %p: %s, not a Size', (value, what) => {
    expect(valueProblem(value, sizes)).toEqual({ message: `${what}, not a Size`, fix: 'pass a Size, e.g. Size.mebibytes(10)' });
  });

  test('the problems are ValidationErrors once thrown through FactoryProblems', () => {
    const problems = new FactoryProblems('LogRotation.jsonFile').add('maxSize', 512, valueProblem(512, sizes));
    expect(() => problems.throwIfAny()).toThrow(ValidationError);
  });
});
