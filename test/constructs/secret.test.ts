import { Testing } from 'cdktf';
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
