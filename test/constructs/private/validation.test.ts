import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { z } from 'zod';
import { Duration } from '../../../constructs';
import { addProblem, childPath, defaultFix, fix, invalidArgument, ownMessage, parseProps, splitFix, zInstance, zodProblems } from '../../../constructs/private/validation';
import { problemOf, problemsOf } from '../../support/factory-error';
import { newStack } from '../../support/synth';

// constructs/private/validation.ts: zod at the boundary, turned into ValidationErrors.

/** The one issue zod reports for `value` against `schema`. */
function issueOf(schema: z.ZodType, value: unknown): z.core.$ZodIssue {
  const result = schema.safeParse(value);
  if (result.success || result.error.issues.length !== 1) throw new Error(`expected one issue, got ${JSON.stringify(result.error?.issues)}`);
  return result.error.issues[0];
}

describe('fix and splitFix', () => {
  test('fix writes "problem. Fix: remedy", which splitFix takes apart again', () => {
    expect(fix('not a port', 'use 1-65535')).toBe('not a port. Fix: use 1-65535');
    expect(splitFix(fix('not a port', 'use 1-65535'))).toEqual(['not a port', 'use 1-65535']);
  });

  test('given a message without a fix, then the whole message and no fix', () => {
    expect(splitFix('Invalid input')).toEqual(['Invalid input', undefined]);
    expect(splitFix('Fix: alone, without the period before')).toEqual(['Fix: alone, without the period before', undefined]);
  });

  test('splits at the first ". Fix: ", so a remedy may quote another', () => {
    expect(splitFix('bad. Fix: write "x. Fix: y"')).toEqual(['bad', 'write "x. Fix: y"']);
  });

  test('an empty problem or remedy survives the round trip', () => {
    expect(splitFix(fix('', ''))).toEqual(['', '']);
  });
});

describe('childPath', () => {
  test('given the app (path ""), then the id alone', () => {
    expect(childPath(Testing.app(), 'shop')).toBe('shop');
  });

  test('given a stack or a deeper scope, then the path it will have, before it exists', () => {
    const stack = newStack('shop');
    const group = new Construct(stack, 'group');

    expect(childPath(stack, 'db')).toBe('shop/db');
    expect(childPath(group, 'db')).toBe('shop/group/db');
    expect(new Construct(group, 'db').node.path).toBe(childPath(group, 'db'));
  });
});

describe('defaultFix, for each zod issue code', () => {
  test.each([
    ['invalid_type', z.number(), 'x', 'give a value of type number'],
    ['unrecognized_keys', z.object({ a: z.number() }).strict(), { a: 1, b: 2, c: 3 }, 'remove b, c (check the spelling against the props interface)'],
    ['too_small (number)', z.number().min(1), 0, 'use a value of at least 1'],
    ['too_small (array)', z.array(z.number()).min(2), [1], 'use a value of at least 2'],
    ['too_big', z.number().max(3), 4, 'use a value of at most 3'],
    ['not_multiple_of', z.number().multipleOf(5), 7, 'use a multiple of 5'],
    ['invalid_format (regex)', z.string().regex(/^a+$/), 'b', 'write a value matching /^a+$/'],
    ['invalid_format (email)', z.email(), 'x', 'write a valid email'],
    ['invalid_value (enum)', z.enum(['tcp', 'udp']), 'sctp', 'use one of "tcp", "udp"'],
    ['invalid_value (literal)', z.literal(3), 4, 'use one of 3'],
    ['invalid_union (no fix of its own)', z.union([z.string(), z.number()]), true, 'see the props documentation of this construct'],
    ['custom (no fix of its own)', z.custom(() => false), 1, 'see the props documentation of this construct'],
    ['invalid_key (no fix of its own)', z.record(z.string().regex(/^[A-Z]+$/), z.string()), { abc: 'x' }, 'see the props documentation of this construct'],
  ])('given %s, then %p', (code, schema, value, expected) => {
    const issue = issueOf(schema, value);
    expect(issue.code).toBe(code.split(' ')[0]);
    expect(defaultFix(issue)).toBe(expected);
  });
});

describe('ownMessage', () => {
  test('given an ordinary issue, then its message', () => {
    expect(ownMessage(issueOf(z.number(), 'x'))).toBe('Invalid input: expected number, received string');
  });

  test("given a record key that fails its own check, then that check's message, not zod's generic one", () => {
    const issue = issueOf(z.record(z.string().regex(/^[A-Z_]+$/, fix('not an environment name', 'use capitals and "_"')), z.string()), { 'bad key': 'x' });

    expect(issue.message).toBe('Invalid key in record');
    expect(ownMessage(issue)).toBe('not a valid key: not an environment name. Fix: use capitals and "_"');
  });

  test('given a record key failing several checks, then the one that carries a fix', () => {
    const key = z.string().min(2, 'too short').regex(/^[A-Z]+$/, fix('not capitals', 'use capitals'));
    const issue = issueOf(z.record(key, z.string()), { a: 'x' });

    expect(ownMessage(issue)).toBe('not a valid key: not capitals. Fix: use capitals');
  });

  test('given a record key issue with no inner issue, then the outer message', () => {
    const issue = { code: 'invalid_key', origin: 'record', issues: [], path: ['k'], message: 'Invalid key in record', input: 'k' } as unknown as z.core.$ZodIssue;
    expect(ownMessage(issue)).toBe('Invalid key in record');
  });
});

describe('zodProblems', () => {
  const schema = z
    .object({
      port: z.number().int().min(1, fix('below 1', 'use 1-65535')),
      environment: z.record(z.string().regex(/^[A-Z_]+$/, fix('not an environment name', 'use capitals and "_"')), z.string()).optional(),
      mounts: z.array(z.object({ target: z.string().startsWith('/') })).optional(),
      nested: z.object({ a: z.number() }).strict().optional(),
    })
    .strict();

  const problems = (input: unknown) => zodProblems('shop/api', schema.safeParse(input).error as z.ZodError, input);

  test('given a field with a fix in its message, then message and fix apart, the value as received', () => {
    expect(problems({ port: 0 })).toEqual([{ ruleId: 'props', path: 'shop/api', field: 'port', value: 0, message: 'below 1', fix: 'use 1-65535' }]);
  });

  test('given a bad record key, then the field is the dotted path to it and the value is the key, not what it holds', () => {
    expect(problems({ port: 80, environment: { 'db url': 'postgresql://db' } })).toEqual([
      { ruleId: 'props', path: 'shop/api', field: 'environment.db url', value: 'db url', message: 'not a valid key: not an environment name', fix: 'use capitals and "_"' },
    ]);
  });

  test('given a bad array item, then the field names its index and the value is the item\'s', () => {
    expect(problems({ port: 80, mounts: [{ target: '/ok' }, { target: 'relative' }] })).toEqual([
      expect.objectContaining({ field: 'mounts.1.target', value: 'relative' }),
    ]);
  });

  test('given unrecognized keys at the top, then the field is (props), the value the whole input, the fix names the keys', () => {
    const input = { port: 80, prot: 81, extra: true };
    expect(problems(input)).toEqual([{ ruleId: 'props', path: 'shop/api', field: '(props)', value: input, message: 'Unrecognized keys: "prot", "extra"', fix: 'remove prot, extra (check the spelling against the props interface)' }]);
  });

  test('given an unrecognized key in a nested object, then the field is that object', () => {
    expect(problems({ port: 80, nested: { a: 1, zz: 2 } })).toEqual([expect.objectContaining({ field: 'nested', value: { a: 1, zz: 2 }, fix: 'remove zz (check the spelling against the props interface)' })]);
  });

  test('given a root that is not an object, then one problem on (props)', () => {
    expect(problems(null)).toEqual([expect.objectContaining({ field: '(props)', value: null, fix: 'give a value of type object' })]);
  });

  test('given several bad fields, then every one, in the order zod found them', () => {
    expect(problems({ port: 0, mounts: [{ target: 'x' }], extra: 1 }).map((p) => p.field)).toEqual(['port', 'mounts.0.target', '(props)']);
  });

  test('given a path that runs through a value that is not an object, then the value is not set', () => {
    const error = new z.ZodError([{ code: 'custom', path: ['port', 'deeper'], message: 'odd', input: undefined }]);
    expect(zodProblems('p', error, { port: 80 })).toEqual([{ ruleId: 'props', path: 'p', field: 'port.deeper', value: undefined, message: 'odd', fix: 'see the props documentation of this construct' }]);
  });
});

describe('parseProps', () => {
  const schema = z.object({ replicas: z.number().int().min(1, fix('below 1', 'use 1 or more')).default(1), name: z.string() }).strict();

  test('given valid props, then the parsed output, defaults filled in', () => {
    expect(parseProps('shop/api', schema, { name: 'api' })).toEqual({ replicas: 1, name: 'api' });
  });

  test('fails when props are invalid: one ValidationError with every problem, on the path given as text', () => {
    expect(problemsOf(() => parseProps('shop/api', schema, { replicas: 0 }))).toEqual([
      { ruleId: 'props', path: 'shop/api', field: 'replicas', value: 0, message: 'below 1', fix: 'use 1 or more' },
      { ruleId: 'props', path: 'shop/api', field: 'name', value: undefined, message: 'Invalid input: expected string, received undefined', fix: 'give a value of type string' },
    ]);
  });

  test('fails on the path of the construct given as scope', () => {
    const scope = new Construct(newStack('shop'), 'api');
    expect(problemOf(() => parseProps(scope, schema, { name: 3 }))).toMatchObject({ path: 'shop/api', field: 'name', value: 3 });
  });
});

describe('addProblem', () => {
  const schema = z.object({ environment: z.record(z.string(), z.string()) }).superRefine((props, ctx) => {
    if ('PORT' in props.environment) addProblem(ctx, ['environment', 'PORT'], 'the service sets PORT itself', 'leave PORT out of environment');
  });

  test('given props the refinement accepts, then they pass', () => {
    expect(parseProps('shop/api', schema, { environment: { MODE: 'a' } })).toEqual({ environment: { MODE: 'a' } });
  });

  test('fails with the problem at its path, with the value there, the message and the fix', () => {
    expect(problemsOf(() => parseProps('shop/api', schema, { environment: { PORT: '80' } }))).toEqual([
      { ruleId: 'props', path: 'shop/api', field: 'environment.PORT', value: '80', message: 'the service sets PORT itself', fix: 'leave PORT out of environment' },
    ]);
  });
});

describe('zInstance', () => {
  const duration = zInstance(Duration.isDuration, fix('not a Duration', 'use Duration.seconds(n)'));

  test('given a value its guard accepts, then it passes as is', () => {
    const value = Duration.seconds(5);
    expect(duration.parse(value)).toBe(value);
  });

  test.each(['5s', 5, null, undefined, {}])('fails when %p: the message and fix given', (value) => {
    expect(problemOf(() => parseProps('shop/api', z.object({ interval: duration }), { interval: value }))).toMatchObject({ field: 'interval', value, message: 'not a Duration', fix: 'use Duration.seconds(n)' });
  });
});

describe('invalidArgument', () => {
  test('a ValidationError naming the factory, field, value, message and fix', () => {
    expect(problemOf(() => {
      throw invalidArgument('Port.tcp', 'port', 0, 'below the minimum 1', 'pass 1 or more');
    })).toEqual({ ruleId: 'props', path: 'Port.tcp', field: 'port', value: 0, message: 'below the minimum 1', fix: 'pass 1 or more' });
  });
});
