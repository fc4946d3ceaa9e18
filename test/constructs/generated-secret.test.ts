import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, GeneratedSecret, HealthCheck, Service } from '../../constructs';
import { GENERATED_SECRET_DEFAULT_LENGTH, GENERATED_SECRET_MAX_LENGTH, GENERATED_SECRET_MIN_LENGTH } from '../../constructs/generated-secret';
import { container, newStack, synth } from '../support/synth';
import { errorOf } from '../support/validation-error';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('GeneratedSecret', () => {
  test('given a GeneratedSecret, then it is a random_password child of its owner, rendered as its result', () => {
    const stack = newStack();
    const api = new Service(stack, 'api', { image, healthCheck: health });
    const key = new GeneratedSecret(api, 'key');
    api.addSecret('API_KEY', key.secret);

    const json = synth(stack);
    expect(key.node.path).toBe('test/api/key');
    expect(key.resource.node.path).toBe('test/api/key/Resource');
    expect(Object.values(json.resource.random_password)).toEqual([expect.objectContaining({ length: GENERATED_SECRET_DEFAULT_LENGTH, special: false })]);
    const address = Object.keys(json.resource.random_password)[0];
    expect(container(json, 'test-api').env).toEqual([`API_KEY=\${random_password.${address}.result}`]);
    expect(Object.keys((json as unknown as { provider: Record<string, unknown> }).provider)).toEqual(expect.arrayContaining(['random']));
    expect(key.secret.owner).toBe(key);
    expect(GeneratedSecret.isGeneratedSecret(key)).toBe(true);
    expect(GeneratedSecret.isGeneratedSecret(api)).toBe(false);
  });

  test('given two GeneratedSecrets with the same id in different scopes, then they are two passwords', () => {
    const stack = newStack();
    const a = new Construct(stack, 'a');
    const b = new Construct(stack, 'b');
    const first = new GeneratedSecret(a, 'password');
    const second = new GeneratedSecret(b, 'password');
    new Service(stack, 'api', { image, healthCheck: health, secrets: { A: first.secret, B: second.secret } });

    const json = synth(stack);
    expect(Object.keys(json.resource.random_password)).toHaveLength(2);
    const env = container(json, 'test-api').env as string[];
    expect(new Set(env.map((entry) => entry.slice(2)))).toHaveProperty('size', 2);
  });

  test.each([GENERATED_SECRET_MIN_LENGTH, GENERATED_SECRET_MAX_LENGTH])('accepts length %i (the bound)', (length) => {
    const stack = newStack();
    const secret = new GeneratedSecret(stack, 'token', { length });
    new Service(stack, 'api', { image, healthCheck: health, secrets: { TOKEN: secret.secret } });
    expect(Object.values(synth(stack).resource.random_password)).toEqual([expect.objectContaining({ length })]);
  });

  test.each([
    ['one below the minimum', GENERATED_SECRET_MIN_LENGTH - 1],
    ['one above the maximum', GENERATED_SECRET_MAX_LENGTH + 1],
    ['not whole', 20.5],
  ])('fails when the length is %s (%p), naming the path, field, range and fix', (_what, length) => {
    const stack = newStack();
    const error = errorOf(() => new GeneratedSecret(stack, 'token', { length }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: 'test/token',
        field: 'length',
        value: length,
        message: expect.stringContaining(`${GENERATED_SECRET_MIN_LENGTH} to ${GENERATED_SECRET_MAX_LENGTH}`),
        fix: expect.stringMatching(/length/),
      }),
    ]);
    expect(stack.node.tryFindChild('token')).toBeUndefined();
  });

  test('fails when created outside a DockerStack', () => {
    const error = errorOf(() => new GeneratedSecret(new Construct(Testing.app(), 'root'), 'token'));
    expect(error.problems[0]).toMatchObject({ path: 'root', field: '(scope)' });
  });
});
