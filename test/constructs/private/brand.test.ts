import { Duration, Postgres, Service } from '../../../constructs';
import { brand, hasBrand } from '../../../constructs/private/brand';
import { newStack } from '../../support/synth';

// constructs/private/brand.ts: recognising this library's classes without instanceof.

describe('brand and hasBrand', () => {
  test('given a branded object, then it has that brand and no other', () => {
    const value = {};
    brand(value, 'Duration');

    expect(hasBrand(value, 'Duration')).toBe(true);
    expect(hasBrand(value, 'Size')).toBe(false);
  });

  test('given a branded prototype, then every instance and every subclass instance has the brand', () => {
    class Base {}
    class Derived extends Base {}
    brand(Base.prototype, 'Service');
    brand(Derived.prototype, 'Postgres');

    expect(hasBrand(new Base(), 'Service')).toBe(true);
    expect(hasBrand(new Derived(), 'Service')).toBe(true);
    expect(hasBrand(new Derived(), 'Postgres')).toBe(true);
    expect(hasBrand(new Base(), 'Postgres')).toBe(false);
  });

  test('the brand is invisible: not enumerable, not serialized, not writable', () => {
    const value: Record<string, unknown> = { a: 1 };
    brand(value, 'Port');

    expect(Object.keys(value)).toEqual(['a']);
    expect(JSON.stringify(value)).toBe('{"a":1}');
    expect({ ...value }).toEqual({ a: 1 });
    // Modules are strict: writing a read-only property throws.
    expect(() => {
      (value as Record<symbol, unknown>)[Symbol.for('cdktf-docker-stacks.Port')] = false;
    }).toThrow(TypeError);
    expect(hasBrand(value, 'Port')).toBe(true);
  });

  test('branding the same object twice is harmless', () => {
    const value = {};
    brand(value, 'Cpu');

    expect(() => brand(value, 'Cpu')).not.toThrow();
    expect(hasBrand(value, 'Cpu')).toBe(true);
  });

  test('a value branded by another installed copy of the library (the same Symbol.for key) is recognised', () => {
    // Given an object marked as another copy's code would mark it, with no import of this module
    const fromOtherCopy = { [Symbol.for('cdktf-docker-stacks.Duration')]: true };

    expect(hasBrand(fromOtherCopy, 'Duration')).toBe(true);
  });

  test('a function (a class) can carry a brand', () => {
    const fn = (): void => undefined;
    brand(fn, 'HealthCheck');

    expect(hasBrand(fn, 'HealthCheck')).toBe(true);
  });

  test.each([undefined, null, 0, 'Duration', true, Symbol.for('cdktf-docker-stacks.Duration'), 10n])('given the primitive or nothing %p, then it has no brand (and nothing throws)', (value) => {
    expect(hasBrand(value, 'Duration')).toBe(false);
  });

  test("the library's own classes carry their brands", () => {
    const stack = newStack();
    const db = new Postgres(stack, 'db');

    expect(hasBrand(Duration.seconds(1), 'Duration')).toBe(true);
    expect(hasBrand(db, 'Postgres')).toBe(true);
    expect(hasBrand(db, 'Service')).toBe(true);
    expect(Service.isService(db)).toBe(true);
    expect(hasBrand(stack, 'DockerStack')).toBe(true);
    expect(hasBrand(stack, 'Service')).toBe(false);
  });
});
