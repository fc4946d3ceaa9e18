import { LOG_ROTATION_LIMITS } from '../../constructs/limits';
import { LogRotation } from '../../constructs/logging';
import { Size } from '../../constructs/size';
import { problemOf, problemsOf } from '../support/factory-error';

const L = LOG_ROTATION_LIMITS;

// A value type: tested without a stack.
describe('LogRotation', () => {
  test('given no options, then json-file logs of 10 MiB x 3', () => {
    const logs = LogRotation.jsonFile();
    expect(logs.render()).toEqual({ driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } });
    expect(`${logs}`).toBe('json-file 10m x 3');
  });

  test.each([L.maxFilesMin, L.maxFilesMax])('given maxFiles %d (a bound), then it is accepted', (maxFiles) => {
    expect(LogRotation.jsonFile({ maxFiles }).render().options['max-file']).toBe(String(maxFiles));
  });

  test.each([
    ['the minimum', L.maxSizeMinBytes, '100k'],
    ['the maximum', L.maxSizeMaxBytes, '1g'],
  ])('given maxSize at %s, then it is accepted', (_what, bytes, text) => {
    expect(LogRotation.jsonFile({ maxSize: Size.bytes(bytes) }).render().options['max-size']).toBe(text);
  });

  test.each([
    ['one below the minimum', L.maxFilesMin - 1, /^below the minimum 1; expected a whole number from 1 to 20/],
    ['one above the maximum', L.maxFilesMax + 1, /^above the maximum 20; expected a whole number from 1 to 20/],
    ['a fraction', 1.5, /^not a whole number/],
    ['a string', '3', /^a string, not a number/],
    ['null', null, /^no number given/],
    ['NaN', Number.NaN, /^NaN/],
  ])('fails when maxFiles is %s, naming LogRotation.jsonFile, the field and the range', (_what, value, message) => {
    const problem = problemOf(() => LogRotation.jsonFile({ maxFiles: value as number }));
    expect(problem).toMatchObject({ path: 'LogRotation.jsonFile', field: 'maxFiles', message: expect.stringMatching(message) });
    expect(problem.value).toEqual(value);
  });

  test.each([
    ['one byte below the minimum', Size.bytes(L.maxSizeMinBytes - 1), 'below the minimum 100k; expected a Size from 100k to 1g'],
    ['one byte above the maximum', Size.bytes(L.maxSizeMaxBytes + 1), 'above the maximum 1g; expected a Size from 100k to 1g'],
    ['a string', '10m', 'a string, not a Size'],
    ['null', null, 'null, not a Size'],
  ])('fails when maxSize is %s, naming LogRotation.jsonFile, the field and the range', (_what, value, message) => {
    const problem = problemOf(() => LogRotation.jsonFile({ maxSize: value as Size }));
    expect(problem).toMatchObject({ path: 'LogRotation.jsonFile', field: 'maxSize', value, message });
  });

  test('given a size as text, then the fix shows the Size to write', () => {
    expect(problemOf(() => LogRotation.jsonFile({ maxSize: '10m' as unknown as Size })).fix).toBe('pass a Size, e.g. Size.parse("10m") or Size.mebibytes(10)');
  });

  test('fails with every bad option at once', () => {
    const problems = problemsOf(() => LogRotation.jsonFile({ maxFiles: 0, maxSize: Size.gibibytes(2) }));
    expect(problems.map((p) => p.field)).toEqual(['maxSize', 'maxFiles']);
  });

  test.each([
    ['null', null],
    ['a string', '10m x 3'],
  ])('fails when the options are %s', (_what, options) => {
    expect(problemOf(() => LogRotation.jsonFile(options as never))).toMatchObject({ path: 'LogRotation.jsonFile', field: 'options', value: options });
  });
});
