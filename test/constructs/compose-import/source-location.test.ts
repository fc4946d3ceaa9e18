import { composeProblem, formatKeyPath, formatLocation, keyPathMatches, LocationIndex, throwIfProblems } from '../../../constructs/compose-import/source-location';
import { ValidationError } from '../../../constructs/errors';
import { problemsOf } from '../../support/factory-error';

describe('formatKeyPath', () => {
  test.each<[(string | number)[], string]>([
    [[], ''],
    [['services'], 'services'],
    [['services', 'api', 'ports', 0], 'services.api.ports[0]'],
    [['services', 'api', 'environment', 'A.B'], 'services.api.environment.A.B'],
    [[0, 'a'], '[0].a'],
  ])('shows %p as %p', (keyPath, text) => {
    expect(formatKeyPath(keyPath)).toBe(text);
  });
});

describe('keyPathMatches', () => {
  it.each([
    ['services.*.read_only', ['services', 'api', 'read_only'], true],
    ['services.*.read_only', ['services', '12', 'read_only'], true],
    ['services.*.read_only', ['networks', 'api', 'read_only'], false],
    ['services.*.read_only', ['services', 'api', 'read_only', 'x'], false],
    ['services.*.read_only', ['services', 'api'], false],
    ['services.*.ports.[].target', ['services', 'api', 'ports', 0, 'target'], true],
    ['services.*.ports.[].target', ['services', 'api', 'ports', '0', 'target'], false],
    ['services.*.ulimits.*', ['services', 'api', 'ulimits', 'nofile'], true],
    ['services.*', ['services', 3], true],
    ['', [], false],
  ] as const)('%s against %j: %s', (pattern, keyPath, expected) => {
    expect(keyPathMatches(pattern, keyPath)).toBe(expected);
  });
});

describe('formatLocation', () => {
  test('shows file:line, or says the location is unknown', () => {
    expect(formatLocation({ file: '/p/compose.yaml', line: 12 })).toBe('/p/compose.yaml:12');
    expect(formatLocation(undefined)).toBe('(unknown location)');
  });
});

describe('LocationIndex', () => {
  const at = (line: number) => ({ file: '/p/compose.yaml', line });

  test('finds a key\'s own line, else the nearest enclosing key\'s, else nothing', () => {
    const index = new LocationIndex();
    index.set(['services'], at(1));
    index.set(['services', 'api'], at(2));
    expect(index.find(['services', 'api'])).toEqual(at(2));
    expect(index.find(['services', 'api', 'ports', 0])).toEqual(at(2));
    expect(index.find(['services', 'db'])).toEqual(at(1));
    expect(index.find(['volumes'])).toBeUndefined();
    // A number and a string of the same digits are different keys
    index.set(['list', 0], at(7));
    expect(index.find(['list', '0'])).toBeUndefined();
  });

  test('lets a later set override an earlier one', () => {
    const index = new LocationIndex();
    index.set(['a'], at(1));
    index.set(['a'], at(9));
    expect(index.find(['a'])).toEqual(at(9));
  });

  test('copies a subtree below another key, every location or only the missing ones', () => {
    // Given a base service and an extending one with one key of its own
    const index = new LocationIndex();
    index.set(['services', 'base'], at(1));
    index.set(['services', 'base', 'image'], at(2));
    index.set(['services', 'base', 'ports', 0], at(3));
    index.set(['services', 'baseline'], at(4));
    index.set(['services', 'web', 'image'], at(10));
    const onlyMissing = new LocationIndex();
    onlyMissing.addAll(index);
    // When the base is copied below the extending service
    index.copySubtree(['services', 'base'], ['services', 'web'], false);
    onlyMissing.copySubtree(['services', 'base'], ['services', 'web'], true);
    // Then its keys are found there (not those of a key that only starts with the same name)
    expect(index.find(['services', 'web'])).toEqual(at(1));
    expect(index.find(['services', 'web', 'ports', 0])).toEqual(at(3));
    expect(index.find(['services', 'web', 'image'])).toEqual(at(2));
    expect(onlyMissing.find(['services', 'web', 'image'])).toEqual(at(10));
    expect(onlyMissing.find(['services', 'web', 'ports', 0])).toEqual(at(3));
    expect(index.find(['services', 'webline'])).toBeUndefined();
    expect(index.find(['services', 'web', 'line'])).toEqual(at(1));
  });

  test('copies a subtree from another index (a base in another file), leaving this index\'s own subtree alone', () => {
    // Given a base service in another file's index, and a service of the same name in this one
    const other = new LocationIndex();
    other.set(['services', 'db'], at(1));
    other.set(['services', 'db', 'image'], at(2));
    const index = new LocationIndex();
    index.set(['services', 'db', 'environment'], at(20));
    index.set(['services', 'app'], at(30));
    // When the other file's db is copied below app
    index.copySubtree(['services', 'db'], ['services', 'app'], true, other);
    // Then app's keys come from the other index only
    expect(index.find(['services', 'app', 'image'])).toEqual(at(2));
    expect(index.find(['services', 'app', 'environment'])).toEqual(at(30));
    expect(index.find(['services', 'app'])).toEqual(at(30));
  });

  test('adds every entry of another index, the other\'s winning', () => {
    const first = new LocationIndex();
    first.set(['a'], at(1));
    first.set(['b'], at(2));
    const second = new LocationIndex();
    second.set(['b'], at(20));
    first.addAll(second);
    expect([first.find(['a']), first.find(['b'])]).toEqual([at(1), at(20)]);
  });
});

describe('composeProblem and throwIfProblems', () => {
  test('make a problem named by file:line and key path, with the compose rule by default', () => {
    expect(composeProblem({ file: '/p/c.yaml', line: 3 }, ['services', 'api'], 'x', 'is wrong', 'fix it')).toEqual({
      ruleId: 'compose', path: '/p/c.yaml:3', field: 'services.api', value: 'x', message: 'is wrong', fix: 'fix it',
    });
    expect(composeProblem(undefined, [], 1, 'm', 'f', 'compose-unsupported')).toEqual({
      ruleId: 'compose-unsupported', path: '(unknown location)', field: '(document)', value: 1, message: 'm', fix: 'f',
    });
  });

  test('throw one ValidationError for every problem, and nothing for none', () => {
    const problems = [composeProblem(undefined, ['a'], 1, 'm', 'f'), composeProblem(undefined, ['b'], 2, 'm', 'f')];
    expect(problemsOf(() => throwIfProblems(problems))).toEqual(problems);
    expect(() => throwIfProblems([])).not.toThrow(ValidationError);
  });
});
