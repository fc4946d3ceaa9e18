import { Lazy, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, DockerStack, GeneratedSecret, HealthCheck, Secret, Service } from '../../constructs';
import { SECRET_MIN_LENGTH } from '../../constructs/secret';
import { container, newStack, synth } from '../support/synth';
import { errorOf } from '../support/validation-error';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('Secret.fromVariable', () => {
  test('given a variable secret, then it renders a sensitive variable without default, once per stack', () => {
    const stack = newStack();
    const key = Secret.fromVariable('shop_api_key');
    new Service(stack, 'a', { image, healthCheck: health, secrets: { API_KEY: key } });
    new Service(stack, 'b', { image, healthCheck: health, secrets: { API_KEY: Secret.fromVariable('shop_api_key') } });

    const json = synth(stack);
    expect(Object.keys(json.variable ?? {})).toEqual(['shop_api_key']);
    expect(json.variable?.shop_api_key).toMatchObject({ type: 'string', sensitive: true, nullable: false });
    expect(json.variable?.shop_api_key).not.toHaveProperty('default');
    expect(container(json, 'test-a').env).toEqual(['API_KEY=${var.shop_api_key}']);
    expect(key.description).toBe('variable shop_api_key (TF_VAR_shop_api_key)');
  });

  test('given a variable secret, then Terraform checks its length without surrounding blanks and compares it to the defaults normalised (case, separators, blanks)', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck: health, secrets: { API_KEY: Secret.fromVariable('api_key') } });

    const [validation] = (synth(stack).variable?.api_key.validation ?? []) as { condition: string; error_message: string }[];
    expect(validation.condition).toMatch(
      new RegExp(`^\\$\\{length\\(trimspace\\(var\\.api_key\\)\\) >= ${SECRET_MIN_LENGTH} && !contains\\(\\[[^\\]]+\\], replace\\(lower\\(var\\.api_key\\), "/\\[\\^a-z0-9\\]/", ""\\)\\)\\}$`),
    );
    // The list holds the defaults as the condition normalises the value: lowercase letters and digits only.
    for (const normalised of ['"changemeinproduction"', '"defaultapikey"', '"mnemopass"', '"changeme"', '"votremotdepassesecurise"']) {
      expect(validation.condition).toContain(normalised);
    }
    expect(validation.condition).not.toMatch(/"[^"]*[-_][^"]*"\]/);
    expect(validation.error_message).toContain(`TF_VAR_api_key must be at least ${SECRET_MIN_LENGTH} characters`);
  });

  test('given TF_VAR_<name> set at synth time, then its value is known to the rules', () => {
    process.env.TF_VAR_known_at_synth = 'a-strong-enough-value';
    try {
      expect(Secret.fromVariable('known_at_synth').knownValue()).toBe('a-strong-enough-value');
    } finally {
      delete process.env.TF_VAR_known_at_synth;
    }
    expect(Secret.fromVariable('known_at_synth').knownValue()).toBeUndefined();
  });

  test.each([
    ['starts with a digit', '1key'],
    ['has a dash', 'my-key'],
    ['is empty', ''],
    ['has a space', 'my key'],
  ])('fails when the name %s (%p), naming the factory, field, value and fix', (_what, name) => {
    const error = errorOf(() => Secret.fromVariable(name));
    expect(error.problems).toEqual([
      expect.objectContaining({ ruleId: 'props', path: 'Secret.fromVariable', field: 'name', value: name, fix: expect.stringContaining('letters, digits and "_"') }),
    ]);
  });

  test('fails when the name is not a string (undefined from a missing environment variable)', () => {
    const error = errorOf(() => Secret.fromVariable(undefined as unknown as string));
    expect(error.problems[0]).toMatchObject({ path: 'Secret.fromVariable', field: 'name', value: undefined });
  });

  test('fails when the name is already taken at the stack root by something that is not a variable', () => {
    const stack = newStack();
    // `docker` is the id of the stack's Docker provider.
    const error = errorOf(() => new Service(stack, 'api', { image, healthCheck: health, secrets: { KEY: Secret.fromVariable('docker') } }));
    expect(error.problems[0]).toMatchObject({ path: 'test/api', field: 'secrets.KEY', value: 'variable docker (TF_VAR_docker)', message: expect.stringContaining('test/docker') });
  });
});

describe('Secret.fromLiteral and Secret.derived', () => {
  test('given a literal, then it is written as is and known at synth time', () => {
    const stack = newStack();
    const literal = Secret.fromLiteral('a-literal-for-tests');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { KEY: literal } });
    expect(container(synth(stack), 'test-api').env).toEqual(['KEY=a-literal-for-tests']);
    expect(literal.knownValue()).toBe('a-literal-for-tests');
    expect(literal.owner).toBeUndefined();
  });

  test('given a derived secret, then it renders from its parts and lists them as leaves', () => {
    const stack = newStack();
    const user = Secret.fromLiteral('user-literal');
    const password = Secret.fromVariable('derived_password');
    const derived = Secret.derived('credentials', [user, password], ([u, p]) => `${u}:${p}`);
    new Service(stack, 'api', { image, healthCheck: health, secrets: { CREDENTIALS: derived } });
    expect(container(synth(stack), 'test-api').env).toEqual(['CREDENTIALS=user-literal:${var.derived_password}']);
    expect(derived.leaves()).toEqual([user, password]);
    expect(derived.knownValue()).toBeUndefined();
    expect(derived.description).toBe('credentials (from a literal value, variable derived_password (TF_VAR_derived_password))');
  });

  test('fails when a literal is not a string', () => {
    const error = errorOf(() => Secret.fromLiteral(undefined as unknown as string));
    expect(error.problems[0]).toMatchObject({ path: 'Secret.fromLiteral', field: 'value', value: undefined });
  });

  test('fails when a derived secret is given something else than Secrets or no render function', () => {
    expect(errorOf(() => Secret.derived('url', ['plain' as unknown as Secret], ([v]) => v)).problems[0]).toMatchObject({ path: 'Secret.derived', field: 'from.0' });
    expect(errorOf(() => Secret.derived('url', [Secret.fromLiteral('x')], undefined as unknown as () => string)).problems[0]).toMatchObject({ path: 'Secret.derived', field: 'render' });
  });
});

describe('Secret.fromResourceAttribute', () => {
  test('given a resource attribute, then it belongs to its owner and renders as the reference', () => {
    const stack = newStack();
    const generated = new GeneratedSecret(stack, 'token');
    const secret = Secret.fromResourceAttribute(generated, generated.resource.result);
    expect(secret.owner).toBe(generated);
    expect(secret.description).toBe('test/token');
  });

  test('fails when the value is a plain string rather than a Terraform reference', () => {
    const stack = newStack();
    const error = errorOf(() => Secret.fromResourceAttribute(stack, 'plain text'));
    expect(error.problems[0]).toMatchObject({ path: 'Secret.fromResourceAttribute', field: 'value', fix: expect.stringContaining('Secret.fromLiteral') });
  });

  test('fails when the owner is not a construct', () => {
    const error = errorOf(() => Secret.fromResourceAttribute({} as Construct, '${random_password.x.result}'));
    expect(error.problems[0]).toMatchObject({ path: 'Secret.fromResourceAttribute', field: 'owner' });
  });
});

describe('Secret across stacks', () => {
  test('fails when a secret owned by one stack is resolved in another, naming the consumer, the secret and the fix', () => {
    const app = Testing.app();
    const a = new DockerStack(app, 'a');
    const b = new DockerStack(app, 'b');
    const generated = new GeneratedSecret(a, 'token');
    const consumer = new Construct(b, 'consumer');

    const error = errorOf(() => generated.secret.resolve(consumer));
    expect(error.problems[0]).toMatchObject({
      path: 'b/consumer',
      value: 'a/token',
      message: expect.stringContaining('stack a'),
      fix: expect.stringMatching(/Secret\.fromVariable.*one stack/),
    });
  });

  test('given a variable or a literal, then any stack can resolve it (each stack declares the same variable)', () => {
    const app = Testing.app();
    const shared = Secret.fromVariable('shared_key');
    for (const id of ['a', 'b']) {
      const stack = new DockerStack(app, id);
      new Service(stack, 'api', { image, healthCheck: health, secrets: { KEY: shared, LITERAL: Secret.fromLiteral('a-literal-for-tests') } });
      expect(container(synth(stack), `${id}-api`).env).toEqual(['KEY=${var.shared_key}', 'LITERAL=a-literal-for-tests']);
    }
  });
});

describe('Secret argument errors, in full', () => {
  const part = Secret.fromLiteral('a-literal-for-tests');

  // Each factory error is asserted whole: the message and the fix are what a user reads.
  test('fromVariable names what is wrong with the name and how to spell one', () => {
    expect(errorOf(() => Secret.fromVariable('my-key')).problems).toEqual([
      {
        ruleId: 'props',
        path: 'Secret.fromVariable',
        field: 'name',
        value: 'my-key',
        message: 'not a Terraform variable name usable as TF_VAR_<name>',
        fix: 'use letters, digits and "_", starting with a letter, e.g. "shop_db_password"',
      },
    ]);
  });

  test('fromLiteral names the value and points to fromVariable for a deploy-time value', () => {
    expect(errorOf(() => Secret.fromLiteral(42 as unknown as string)).problems).toEqual([
      {
        ruleId: 'props',
        path: 'Secret.fromLiteral',
        field: 'value',
        value: 42,
        message: 'not a string',
        fix: 'give the value as a string, or use Secret.fromVariable(name) for a value set at deploy time',
      },
    ]);
  });

  test('fromResourceAttribute refuses an owner that is not a construct, saying what to pass', () => {
    expect(errorOf(() => Secret.fromResourceAttribute({} as Construct, '${random_password.x.result}')).problems).toEqual([
      { ruleId: 'props', path: 'Secret.fromResourceAttribute', field: 'owner', value: {}, message: 'not a construct', fix: 'pass the construct holding the resource (e.g. this)' },
    ]);
  });

  test('fromResourceAttribute refuses a plain string and hides it: it may be the secret itself', () => {
    expect(errorOf(() => Secret.fromResourceAttribute(newStack(), 'plain text')).problems).toEqual([
      {
        ruleId: 'props',
        path: 'Secret.fromResourceAttribute',
        field: 'value',
        value: '(value hidden)',
        message: 'not a Terraform reference',
        fix: 'pass a resource attribute (resource.result); for a fixed value use Secret.fromLiteral(value)',
      },
    ]);
  });

  test('fromResourceAttribute refuses a value that is no string, and shows it (nothing to hide)', () => {
    expect(errorOf(() => Secret.fromResourceAttribute(newStack(), 42 as unknown as string)).problems[0]).toMatchObject({ field: 'value', value: 42, message: 'not a Terraform reference' });
  });

  test('fromResourceAttribute refuses an unresolved value that is no string (a Lazy object), though it is a token', () => {
    // Token.isUnresolved accepts the object: only the string check refuses it.
    const lazy = Lazy.anyValue({ produce: () => 'x' });
    expect(errorOf(() => Secret.fromResourceAttribute(newStack(), lazy as unknown as string)).problems[0]).toMatchObject({ field: 'value', value: lazy, message: 'not a Terraform reference' });
  });

  test.each<[string, () => unknown, Record<string, unknown>]>([
    [
      'what is not a string',
      () => Secret.derived(7 as unknown as string, [Secret.fromLiteral('x')], ([v]) => v),
      { field: 'what', value: 7, message: 'not a string', fix: 'describe the value, e.g. "connection URL of db"' },
    ],
    [
      'from is not an array',
      () => Secret.derived('url', part as unknown as Secret[], ([v]) => v),
      { field: 'from', value: part, message: 'not an array of Secrets', fix: 'list the secrets the value is made of' },
    ],
    [
      'a part is not a Secret',
      () => Secret.derived('url', [Secret.fromLiteral('x'), 'plain' as unknown as Secret], ([v]) => v),
      { field: 'from.1', value: 'plain', message: 'not a Secret', fix: 'use Secret.fromVariable(name), a GeneratedSecret\'s secret, or Secret.fromLiteral(value)' },
    ],
    [
      'render is not a function',
      () => Secret.derived('url', [Secret.fromLiteral('x')], 'x' as unknown as () => string),
      { field: 'render', value: 'x', message: 'not a function', fix: 'give a function from the parts\' values to the value' },
    ],
  ])('derived fails when %s, naming the field, the value and the fix', (_what, build, expected) => {
    expect(errorOf(build).problems).toEqual([{ ruleId: 'props', path: 'Secret.derived', ...expected }]);
  });
});

describe('Secret in messages', () => {
  test('toString names the secret by its description, never its value', () => {
    expect(Secret.fromVariable('shop_api_key').toString()).toBe('Secret(variable shop_api_key (TF_VAR_shop_api_key))');
    expect(`${Secret.fromLiteral('a-literal-for-tests')}`).toBe('Secret(a literal value)');
  });

  test('variableName is the name for a variable only', () => {
    expect(Secret.fromVariable('shop_api_key').variableName).toBe('shop_api_key');
    expect(Secret.fromLiteral('a-literal-for-tests').variableName).toBeUndefined();
  });

  test('given a variable name taken at the root of a stack whose id is no identifier, then the fix suggests the name prefixed with the id, "_" for each other character', () => {
    const stack = new DockerStack(Testing.app(), 'shop-eu.1');
    // `docker` is the id of the stack's Docker provider.
    const error = errorOf(() => new Service(stack, 'api', { image, healthCheck: health, secrets: { KEY: Secret.fromVariable('docker') } }));
    expect(error.problems[0].fix).toBe('choose another variable name, e.g. Secret.fromVariable("shop_eu_1_docker")');
  });

  test('given a secret resolved where it cannot be used, then the problem\'s field says it is a secret', () => {
    const app = Testing.app();
    const generated = new GeneratedSecret(new DockerStack(app, 'a'), 'token');
    const consumer = new Construct(new DockerStack(app, 'b'), 'consumer');
    expect(errorOf(() => generated.secret.resolve(consumer)).problems[0].field).toBe('(secret)');
  });
});
