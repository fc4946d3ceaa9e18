import { Construct } from 'constructs';
import { ContainerImage, HealthCheck, NamedVolume, Redis, Service, StackNetwork, ValidationProblem } from '../../../constructs';
import { CONTAINER_NAME_PATTERN, derivedNameProblem, NAME_MAX_LENGTH, NETWORK_NAME_PATTERN, SERVICE_NAME_PATTERN, suggestId, VOLUME_NAME_MAX_LENGTH, VOLUME_NAME_PATTERN } from '../../../constructs/private/names';
import { container, newStack, synth } from '../../support/synth';
import { errorOf } from '../../support/validation-error';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);
/** `test-`: the prefix of every derived name in a stack made by newStack(). */
const PREFIX_LENGTH = 'test-'.length;

/** The one problem a construct built with `build` throws, after checking that the tree gained nothing. */
function onlyProblem(build: (scope: Construct) => unknown, stack: Construct = newStack()): ValidationProblem {
  const before = stack.node.findAll().length;
  const error = errorOf(() => build(stack));
  expect(stack.node.findAll()).toHaveLength(before);
  expect(error.problems).toHaveLength(1);
  return error.problems[0];
}

describe('names derived from construct ids', () => {
  test.each([
    ['a Service', 'my api', (s: Construct) => new Service(s, 'my api', { image, healthCheck }), 'DNS name "my api"', 'e.g. "my-api"'],
    ['a StackNetwork', 'front end', (s: Construct) => new StackNetwork(s, 'front end'), 'network name "test-front end"', 'e.g. "front-end", or give networkName explicitly'],
    ['a NamedVolume', 'my data', (s: Construct) => new NamedVolume(s, 'my data'), 'volume name "test-my data"', 'e.g. "my-data", or give volumeName explicitly'],
    ['a kind (Redis)', 'my cache', (s: Construct) => new Redis(s, 'my cache'), 'DNS name "my cache"', 'e.g. "my-cache"'],
  ])('fails when %s has the id %p, naming path, field, value and fix, and adds nothing to the tree', (_what, id, build, name, fixText) => {
    const problem = onlyProblem(build);
    expect(problem).toMatchObject({ ruleId: 'props', path: `test/${id}`, field: '(construct id)', value: id });
    expect(problem.message).toContain(`the id gives the ${name}, which is not valid`);
    expect(problem.fix).toContain(fixText);
  });

  test('fails when a Service id gives a DNS name one character too long; the longest one passes', () => {
    // Given an explicit container name, so only the DNS name (the id itself) is derived
    const stack = newStack();
    const longest = 'a'.repeat(NAME_MAX_LENGTH);
    expect(new Service(stack, longest, { image, healthCheck, containerName: 'longest' }).serviceName).toBe(longest);

    const problem = onlyProblem((s) => new Service(s, 'a'.repeat(NAME_MAX_LENGTH + 1), { image, healthCheck, containerName: 'too-long' }));
    expect(problem.message).toContain(`at most ${NAME_MAX_LENGTH} characters`);
    expect(problem.fix).toMatch(/^use a shorter id of lowercase letters, digits and "-", e\.g\. "a{40}"$/);
  });

  test('fails when a Service id makes the container name one character too long; the longest one passes', () => {
    const stack = newStack();
    const longest = 'b'.repeat(NAME_MAX_LENGTH - PREFIX_LENGTH);
    new Service(stack, longest, { image, healthCheck });
    expect(container(synth(stack), `test-${longest}`)).toBeDefined();

    const id = 'b'.repeat(NAME_MAX_LENGTH - PREFIX_LENGTH + 1);
    const problem = onlyProblem((s) => new Service(s, id, { image, healthCheck }));
    expect(problem).toMatchObject({ path: `test/${id}`, field: '(construct id)', value: id });
    expect(problem.message).toContain(`the id gives the container name "test-${id}"`);
    expect(problem.fix).toContain('or give containerName explicitly');
  });

  test('fails when the id is too long for the room a long name prefix leaves, and suggests an id that fits', () => {
    // Given the longest name prefix (40 characters), which leaves 63 - 41 = 22 for the id
    const stack = newStack('test', 'p'.repeat(40));
    const id = 'x'.repeat(30);
    const problem = onlyProblem((s) => new Service(s, id, { image, healthCheck }), stack);
    expect(problem.fix).toBe(`use a shorter id of lowercase letters, digits and "-", e.g. "${'x'.repeat(22)}", or give containerName explicitly`);
    // And the suggestion is accepted
    expect(new Service(stack, 'x'.repeat(22), { image, healthCheck }).containerNames).toEqual([`${'p'.repeat(40)}-${'x'.repeat(22)}`]);
  });

  test('fails when a StackNetwork id makes the network name one character too long; the longest one passes', () => {
    const longest = 'n'.repeat(NAME_MAX_LENGTH - PREFIX_LENGTH);
    expect(new StackNetwork(newStack(), longest).networkName).toBe(`test-${longest}`);
    const problem = onlyProblem((s) => new StackNetwork(s, `${longest}n`));
    expect(problem.message).toContain(`at most ${NAME_MAX_LENGTH} characters`);
  });

  test('fails when a NamedVolume id makes the volume name one character too long; the longest one passes', () => {
    const longest = 'v'.repeat(VOLUME_NAME_MAX_LENGTH - PREFIX_LENGTH);
    expect(new NamedVolume(newStack(), longest).volumeName).toBe(`test-${longest}`);
    const problem = onlyProblem((s) => new NamedVolume(s, `${longest}v`));
    expect(problem.message).toContain(`at most ${VOLUME_NAME_MAX_LENGTH} characters`);
    // The suggestion fits the room the prefix leaves.
    expect(problem.fix).toContain(`e.g. "${'v'.repeat(40)}"`);
  });

  test('fails when an enclosing construct id spoils a volume name, and the fix points there rather than at the clean id', () => {
    const group = new Construct(newStack(), 'My Group');
    const problem = onlyProblem((s) => new NamedVolume(s, 'data'), group);
    expect(problem).toMatchObject({ path: 'test/My Group/data', field: '(construct id)', value: 'data' });
    expect(problem.message).toContain('"test-my group-data"');
    expect(problem.fix).toBe('rename the enclosing constructs with lowercase letters, digits and "-", or give volumeName explicitly');
  });

  test('given an id with uppercase letters and "_", then names are lowercased and accepted', () => {
    const stack = newStack();
    const network = new StackNetwork(stack, 'Front_End');
    const volume = new NamedVolume(stack, 'My_Data');
    const api = new Service(stack, 'My_Api', { image, healthCheck, networks: [{ network }], volumes: [{ volume, target: '/data' }] });

    expect(api.serviceName).toBe('my_api');
    expect(network.networkName).toBe('test-front_end');
    expect(volume.volumeName).toBe('test-my_data');
    expect(container(synth(stack), 'test-my_api')).toMatchObject({ networks_advanced: [{ aliases: ['my_api'] }], mounts: [{ source: 'test-my_data' }] });
  });

  test('given an explicit name, then a bad id for the derived one is not reported', () => {
    const stack = newStack();
    expect(new StackNetwork(stack, 'front end', { networkName: 'front' }).networkName).toBe('front');
    expect(new NamedVolume(stack, 'my data', { volumeName: 'my-data' }).volumeName).toBe('my-data');
  });
});

describe('derivedNameProblem', () => {
  const DNS = 'a DNS name: lowercase letters, digits, "_" and "-", at most 63 characters, starting and ending with a letter or digit';
  const ENGINE = (max: number) => `letters, digits, "_", "." and "-", starting with a letter or digit, at most ${max} characters`;
  const problem = (id: string, message: string, fix: string): ValidationProblem => ({ ruleId: 'props', path: `test/${id}`, field: '(construct id)', value: id, message, fix });

  test('finds nothing in a valid name', () => {
    expect(derivedNameProblem('test/api', 'api', 'DNS name', 'api', SERVICE_NAME_PATTERN, undefined)).toBeUndefined();
  });

  test('given a DNS name with a space, then it says what a DNS name is and suggests an id, with no prop to give', () => {
    expect(derivedNameProblem('test/my api', 'my api', 'DNS name', 'my api', SERVICE_NAME_PATTERN, undefined)).toEqual(
      problem('my api', `the id gives the DNS name "my api", which is not valid (${DNS})`, 'use an id of lowercase letters, digits and "-", e.g. "my-api"'),
    );
  });

  test('given a container name exactly at the longest length but with a bad character, then it asks for another id, not a shorter one', () => {
    const id = `${'a'.repeat(NAME_MAX_LENGTH - PREFIX_LENGTH - 1)} `;
    expect(derivedNameProblem(`test/${id}`, id, 'container name', `test-${id}`, CONTAINER_NAME_PATTERN, 'containerName')).toEqual(
      problem(id, `the id gives the container name "test-${id}", which is not valid (${ENGINE(63)})`, `use an id of lowercase letters, digits and "-", e.g. "${'a'.repeat(40)}", or give containerName explicitly`),
    );
  });

  test('given a container name one character too long, then it asks for a shorter id', () => {
    const id = 'a'.repeat(NAME_MAX_LENGTH - PREFIX_LENGTH + 1);
    expect(derivedNameProblem(`test/${id}`, id, 'container name', `test-${id}`, CONTAINER_NAME_PATTERN, 'containerName')?.fix).toBe(
      `use a shorter id of lowercase letters, digits and "-", e.g. "${'a'.repeat(40)}", or give containerName explicitly`,
    );
  });

  test('given enclosing ids that leave no room at all, then it suggests no id: only the prop, or else shorter enclosing ids', () => {
    // The rest of the name is exactly as long as a volume name may be: room 0
    const rest = `${'e'.repeat(VOLUME_NAME_MAX_LENGTH - 1)}-`;
    expect(derivedNameProblem('test/x/data', 'data', 'volume name', `${rest}data`, VOLUME_NAME_PATTERN, 'volumeName')).toEqual(
      { ...problem('data', '', ''), path: 'test/x/data', message: `the id gives the volume name "${rest}data", which is not valid (${ENGINE(VOLUME_NAME_MAX_LENGTH)})`, fix: 'give volumeName explicitly' },
    );
    expect(derivedNameProblem('test/x/data', 'data', 'volume name', `${rest}data`, VOLUME_NAME_PATTERN, undefined)?.fix).toBe('shorten the ids of the enclosing constructs');
  });

  test('given a clean id that fits inside a name an enclosing id spoils, then it points at the enclosing constructs', () => {
    expect(derivedNameProblem('test/My Group/data', 'data', 'volume name', 'test-My Group-data', VOLUME_NAME_PATTERN, 'volumeName')?.fix).toBe(
      'rename the enclosing constructs with lowercase letters, digits and "-", or give volumeName explicitly',
    );
  });

  test.each([
    ['network name', NETWORK_NAME_PATTERN, 'network'],
    ['volume name', VOLUME_NAME_PATTERN, 'data'],
    ['container name', CONTAINER_NAME_PATTERN, 'service'],
    ['DNS name', SERVICE_NAME_PATTERN, 'service'],
  ])('given an id with no letter or digit for a %s, then it suggests %p', (what, pattern, suggestion) => {
    expect(derivedNameProblem('test/日本', '日本', what, what === 'DNS name' ? '日本' : 'test-日本', pattern, undefined)?.fix).toBe(
      `use an id of lowercase letters, digits and "-", e.g. "${suggestion}"`,
    );
  });
});

describe('suggestId', () => {
  test.each([
    ['my api', 'my-api'],
    ['My__Api', 'my-api'],
    ['--db--', 'db'],
    ['日本', 'service'],
  ])('turns %p into %p', (id, suggestion) => {
    expect(suggestId(id)).toBe(suggestion);
  });

  test('keeps within the room it is given, without a trailing "-"', () => {
    expect(suggestId('abc def', 4)).toBe('abc');
    expect(suggestId('x'.repeat(80), 10)).toBe('x'.repeat(10));
    expect(suggestId('日本', 3, 'service')).toBe('ser');
    expect(suggestId('日本', 0, 'service')).toBe('s');
  });
});
