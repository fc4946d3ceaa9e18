import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { formatProblem, StackValidationError, ValidationError, ValidationProblem } from '../../constructs/errors';
import { Duration } from '../../constructs/duration';

/** A problem about `value`, for the formatter. */
const about = (value: unknown): ValidationProblem => ({ ruleId: 'props', path: 'test/api', field: 'field', value, message: 'is wrong', fix: 'do better' });

/** The text formatProblem shows for `value` (between "field = " and ": is wrong"). */
function shown(value: unknown): string {
  const line = formatProblem(about(value));
  const prefix = '[props] test/api: field = ';
  const suffix = ': is wrong. Fix: do better';
  expect(line.startsWith(prefix) && line.endsWith(suffix)).toBe(true);
  return line.slice(prefix.length, line.length - suffix.length);
}

describe('formatProblem', () => {
  test('given a problem, when formatted, then it is one line with rule, path, field, value, message and fix', () => {
    expect(formatProblem({ ruleId: 'CDS-X', path: 'shop/api', field: 'healthCheck.interval', value: 'x', message: 'too long', fix: 'shorten it' })).toBe(
      '[CDS-X] shop/api: healthCheck.interval = "x": too long. Fix: shorten it',
    );
  });

  test.each<[string, string, unknown]>([
    ['a string, quoted', '"Bad Ref!"', 'Bad Ref!'],
    ['undefined, as not set', '(not set)', undefined],
    ['null', 'null', null],
    ['a whole number', '42', 42],
    ['NaN, not as JSON null', 'NaN', Number.NaN],
    ['Infinity, not as JSON null', 'Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', '-Infinity', Number.NEGATIVE_INFINITY],
    ['a boolean', 'false', false],
    ['a BigInt', '12n', 12n],
    ['a symbol', 'Symbol(tag)', Symbol('tag')],
    ['a named function', '[function probe]', function probe() {}],
    ['an array', '["a",1]', ['a', 1]],
    ['an object', '{"a":1,"b":"x"}', { a: 1, b: 'x' }],
    ['a value type, by its own text', '1m30s', Duration.seconds(90)],
    ['NaN inside an object', '{"n":NaN}', { n: Number.NaN }],
    ['an object seen twice but not a cycle, in full both times', '{"a":{"k":1},"b":{"k":1}}', (() => { const x = { k: 1 }; return { a: x, b: x }; })()],
  ])('given %s, when formatted, then the value shows as %s', (_what, text, value) => {
    expect(shown(value)).toBe(text);
  });

  test.each<[string, string, unknown]>([
    ['undefined inside an object and an array', '{"a":undefined,"b":[undefined]}', { a: undefined, b: [undefined] }],
    ['an anonymous function', '[[function anonymous]]', [() => 1]],
    ['a function whose name is not a string', '[function anonymous]', Object.defineProperty(function named() {}, 'name', { value: 5 })],
    ['a function whose name throws', '[function anonymous]', Object.defineProperty(function named() {}, 'name', { get() { throw new Error('name'); } })],
    ['an object nested deeper than 8 levels, cut there', '{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":…}}}}}}}}', { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }],
    ['an object nested 8 levels, in full', '{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":1}}}}}}}}', { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } }],
    ['an array of 50 items, in full', `[${Array.from({ length: 50 }, (_, i) => i).join(',')}]`, Array.from({ length: 50 }, (_, i) => i)],
    ['an array of 51 items, cut after 50', `[${Array.from({ length: 50 }, (_, i) => i).join(',')},…]`, Array.from({ length: 51 }, (_, i) => i)],
    ['an object of 51 entries, cut after 50', `{${Array.from({ length: 50 }, (_, i) => `"k${i}":${i}`).join(',')},…}`, Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))],
    ['an object of 50 entries, in full', `{${Array.from({ length: 50 }, (_, i) => `"k${i}":${i}`).join(',')}}`, Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]))],
    ['an object with its own toString giving text', 'custom', { toString: () => 'custom' }],
    ['an object whose toString gives "[object Object]", by its fields', '{"a":1,"toString":[function toString]}', { a: 1, toString: () => '[object Object]' }],
    ['something holding a node without a path, by its fields', '{"node":{"id":"x"}}', { node: { id: 'x' } }],
  ])('given %s, when formatted, then the value shows as %s', (_what, text, value) => {
    expect(shown(value)).toBe(text);
  });

  test('given a construct, when formatted, then it shows as its path', () => {
    const scope = new Construct(Testing.app(), 'shop');
    expect(shown(new Construct(scope, 'db'))).toBe('<shop/db>');
  });

  test('given a cycle, when formatted, then the repeated object shows as (cycle)', () => {
    const loop: Record<string, unknown> = { name: 'a' };
    loop.self = loop;
    expect(shown(loop)).toBe('{"name":"a","self":(cycle)}');
  });

  describe('never throws', () => {
    const nullProto = (entries: Record<string, unknown>): object => Object.assign(Object.create(null) as object, entries);
    const throwingProxy = new Proxy(
      {},
      {
        get() {
          throw new Error('get trap');
        },
        getPrototypeOf() {
          throw new Error('getPrototypeOf trap');
        },
        ownKeys() {
          throw new Error('ownKeys trap');
        },
        has() {
          throw new Error('has trap');
        },
      },
    );
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();

    test.each<[string, unknown]>([
      ['a null-prototype object holding a BigInt', nullProto({ big: 10n })],
      ['a null-prototype object holding a symbol and a function', nullProto({ s: Symbol('x'), f: () => 1 })],
      ['a BigInt in an array', [1n, 2n]],
      ['a Proxy whose every trap throws', throwingProxy],
      ['a Proxy holding a throwing Proxy', { inner: throwingProxy }],
      ['a revoked Proxy', revoked.proxy],
      ['an object whose toString throws', { toString: () => { throw new Error('toString'); } }],
      ['an object whose toJSON throws', { toJSON: () => { throw new Error('toJSON'); } }],
      ['an object with a throwing getter', Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('getter'); } })],
      ['an object whose toString returns a symbol', { toString: () => Symbol('s') }],
      ['a deep nest', JSON.parse('['.repeat(5000) + ']'.repeat(5000)) as unknown],
    ])('given %s, when formatted, then a line comes out', (_what, value) => {
      const line = formatProblem(about(value));
      expect(line).toMatch(/^\[props\] test\/api: field = .+: is wrong\. Fix: do better$/s);
    });

    test.each<[string, string, unknown]>([
      ['an object whose toString throws, by its fields', '{"toString":[function toString]}', { toString: () => { throw new Error('toString'); } }],
      ['an object with a throwing getter, the other fields still shown', '{"ok":1,"bad":(unreadable)}', Object.defineProperty({ ok: 1 }, 'bad', { enumerable: true, get: () => { throw new Error('getter'); } })],
      ['a Proxy whose every trap throws', '(unreadable)', throwingProxy],
      ['a null-prototype object holding a BigInt', '{"big":10n}', nullProto({ big: 10n })],
    ])('given %s, when formatted, then it shows as %s', (_what, text, value) => {
      expect(shown(value)).toBe(text);
    });

    test('given a problem whose own fields are not strings, when formatted, then a line comes out', () => {
      const odd = { ruleId: Symbol('rule'), path: 1n, field: undefined, value: 1, message: null, fix: { a: 1 } } as unknown as ValidationProblem;
      expect(formatProblem(odd)).toBe('[Symbol(rule)] 1n: (not set) = 1: null. Fix: {"a":1}');
    });

    test('given a ValidationError about an unprintable value, when thrown, then its message holds the problem', () => {
      const error = new ValidationError([about(nullProto({ big: 10n }))]);
      expect(error.message).toBe('1 validation error:\n  - [props] test/api: field = {"big":10n}: is wrong. Fix: do better');
    });
  });
});

describe('messages', () => {
  test('given one problem or several, then the ValidationError message counts them and lists each on its own line', () => {
    expect(new ValidationError([about(1)])).toMatchObject({ name: 'ValidationError', message: '1 validation error:\n  - [props] test/api: field = 1: is wrong. Fix: do better' });
    expect(new ValidationError([about(1), about(2)]).message).toBe(
      '2 validation errors:\n  - [props] test/api: field = 1: is wrong. Fix: do better\n  - [props] test/api: field = 2: is wrong. Fix: do better',
    );
  });

  test('given one message or several, then the StackValidationError message counts them and says nothing was written', () => {
    expect(new StackValidationError(['a'])).toMatchObject({ name: 'StackValidationError', message: 'Synthesis stopped: 1 problem found, nothing was written.\n  - a' });
    expect(new StackValidationError(['a', 'b']).message).toBe('Synthesis stopped: 2 problems found, nothing was written.\n  - a\n  - b');
  });
});

describe('brands', () => {
  test.each<[string, unknown]>([['a string', 'ValidationError'], ['a number', 1], ['undefined', undefined], ['null', null], ['a plain error', new Error('x')]])(
    'given %s, then neither guard recognises it, and neither throws',
    (_what, value) => {
      expect([ValidationError.isValidationError(value), StackValidationError.isStackValidationError(value)]).toEqual([false, false]);
    },
  );

  test('given the errors, when checked, then each is recognised by its own guard only', () => {
    const validation = new ValidationError([about(1)]);
    const stack = new StackValidationError(['m']);
    expect([ValidationError.isValidationError(validation), ValidationError.isValidationError(stack)]).toEqual([true, false]);
    expect([StackValidationError.isStackValidationError(stack), StackValidationError.isStackValidationError(validation)]).toEqual([true, false]);
    expect(ValidationError.isValidationError(null)).toBe(false);
  });

  test('given an error of another installed copy of the library, then the guards recognise it by its registered symbol', () => {
    // Another copy has other classes but the same Symbol.for keys: what makes the guards survive two installs.
    const fromAnotherCopy = (key: string) => Object.assign(new Error('x'), { [Symbol.for(key)]: true });
    expect(ValidationError.isValidationError(fromAnotherCopy('cdktf-docker-stacks.ValidationError'))).toBe(true);
    expect(StackValidationError.isStackValidationError(fromAnotherCopy('cdktf-docker-stacks.StackValidationError'))).toBe(true);
    expect(ValidationError.isValidationError(fromAnotherCopy(''))).toBe(false);
  });
});
