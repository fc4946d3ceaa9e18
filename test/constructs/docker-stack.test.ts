import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ContainerImage, DockerStack, DockerStackProps, HealthCheck, Port, Postgres, Service } from '../../constructs';
import { synth, validationMessages } from '../support/synth';
import { errorOf } from '../support/validation-error';

/** The longest name prefix (NAME_PREFIX_PATTERN: 1-40 characters). */
const NAME_PREFIX_MAX = 40;

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

function stackWith(id: string, props?: DockerStackProps): DockerStack {
  return new DockerStack(Testing.app(), id, props);
}

describe('DockerStack', () => {
  describe('name prefix', () => {
    test('given only an id, then the prefix is the id, lowercased, other characters as "-"', () => {
      expect(stackWith('Shop').namePrefix).toBe('shop');
      expect(stackWith('my_shop.v2').namePrefix).toBe('my-shop-v2');
    });

    test('given a namePrefix, then every derived name starts with it', () => {
      const stack = stackWith('shop', { namePrefix: 'staging' });
      new Service(stack, 'api', { image, healthCheck });
      const json = synth(stack);

      expect(stack.namePrefix).toBe('staging');
      expect(Object.values(json.resource.docker_container).map((c) => c.name)).toEqual(['staging-api']);
    });

    test.each(['a', 'a'.repeat(NAME_PREFIX_MAX), 'shop-2'])('given the namePrefix %p, then it is accepted', (namePrefix) => {
      expect(stackWith('shop', { namePrefix }).namePrefix).toBe(namePrefix);
    });

    test.each(['a'.repeat(NAME_PREFIX_MAX + 1), 'Shop', '1shop', '-shop', 'my_shop', ''])('fails when the namePrefix is %p', (namePrefix) => {
      const error = errorOf(() => stackWith('shop', { namePrefix }));

      expect(error.problems[0]).toMatchObject({ path: 'shop', field: 'namePrefix', value: namePrefix, message: 'not a valid name prefix', fix: 'use 1-40 lowercase letters, digits or "-", starting with a letter' });
    });

    test('fails when the id gives no valid prefix and none is given, naming the id and the fix', () => {
      const app = Testing.app();
      const error = errorOf(() => new DockerStack(app, '1st'));

      expect(error.problems).toEqual([
        {
          ruleId: 'props',
          path: '1st',
          field: 'namePrefix',
          value: '(from the stack id "1st") 1st',
          message: 'the stack id does not make a valid name prefix',
          fix: 'give namePrefix explicitly: 1-40 lowercase letters, digits or "-", starting with a letter',
        },
      ]);
      expect(app.node.tryFindChild('1st')).toBeUndefined();
    });

    test('given an id that gives no valid prefix and a valid namePrefix, then the explicit prefix is used', () => {
      expect(stackWith('1st', { namePrefix: 'first' }).namePrefix).toBe('first');
    });
  });

  describe('Docker provider', () => {
    test('given no dockerHost, when synthesized, then the provider keeps its default (DOCKER_HOST, else the local socket)', () => {
      const stack = stackWith('shop');
      new Service(stack, 'api', { image, healthCheck });
      const json = JSON.parse(Testing.synth(stack)) as { provider: Record<string, unknown[]> };

      expect(stack.dockerHost).toBeUndefined();
      expect(json.provider.docker).toEqual([{}]);
      expect(json.provider.random).toBeUndefined();
    });

    test.each(['unix:///var/run/docker.sock', 'tcp://10.0.0.5:2376', 'ssh://deploy@host', 'npipe:////./pipe/docker_engine'])('given dockerHost %p, when synthesized, then the provider targets it', (dockerHost) => {
      const stack = stackWith('shop', { dockerHost });
      const json = JSON.parse(Testing.synth(stack)) as { provider: Record<string, unknown[]> };

      expect(stack.dockerHost).toBe(dockerHost);
      expect(json.provider.docker).toEqual([{ host: dockerHost }]);
    });

    test.each(['/var/run/docker.sock', 'http://host:2375', 'tcp://', 'tcp://host 2376', 'http+unix://host'])('fails when dockerHost is %p', (dockerHost) => {
      expect(errorOf(() => stackWith('shop', { dockerHost })).problems[0]).toMatchObject({
        path: 'shop',
        field: 'dockerHost',
        value: dockerHost,
        message: 'not a Docker host address',
        fix: 'write unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host',
      });
    });

    test('fails when a prop is unknown', () => {
      expect(errorOf(() => stackWith('shop', { prefix: 'x' } as unknown as DockerStackProps)).problems[0]).toMatchObject({ path: 'shop', field: '(props)' });
    });

    test('given a generated secret, when synthesized, then the random provider is configured once, however many secrets use it', () => {
      const stack = stackWith('shop');
      new Postgres(stack, 'db');
      new Postgres(stack, 'db2');
      stack.useRandomProvider();
      const json = JSON.parse(Testing.synth(stack)) as { provider: Record<string, unknown[]> };

      expect(json.provider.random).toEqual([{}]);
    });
  });

  describe('finding the stack', () => {
    test('given a construct nested in a stack, then DockerStack.of returns that stack', () => {
      const stack = stackWith('shop');
      const nested = new Construct(new Construct(stack, 'a'), 'b');

      expect(DockerStack.of(nested)).toBe(stack);
      expect(DockerStack.of(stack)).toBe(stack);
    });

    test('fails when DockerStack.of is given a construct outside any DockerStack', () => {
      const plain = new TerraformStack(Testing.app(), 'plain');

      expect(errorOf(() => DockerStack.of(new Construct(plain, 'x'))).problems[0]).toMatchObject({ path: 'plain/x', field: '(scope)', value: 'plain' });
    });

    test('given a DockerStack and a plain TerraformStack, when checked, then only the DockerStack is branded as one', () => {
      const app = new App();

      expect(DockerStack.isDockerStack(new DockerStack(app, 'shop'))).toBe(true);
      expect(DockerStack.isDockerStack(new TerraformStack(app, 'plain'))).toBe(false);
      expect(DockerStack.isDockerStack({ namePrefix: 'shop' })).toBe(false);
    });
  });

  describe('validation', () => {
    test('given a stack that breaks a rule, when validated, then the stack reports it with the rule id', () => {
      const stack = stackWith('shop');
      new Service(stack, 'a', { image, healthCheck, ports: [{ containerPort: Port.tcp(80) }] });
      new Service(stack, 'b', { image, healthCheck, ports: [{ containerPort: Port.tcp(80) }] });

      expect(stack.node.validate()).toEqual([expect.stringMatching(/^\[CDS-PORT-COLLISION\] /)]);
      expect(() => Testing.synth(stack, true)).toThrow(/CDS-PORT-COLLISION/);
    });

    test('given a stack that breaks no rule, when validated, then nothing is reported', () => {
      const stack = stackWith('shop');
      new Service(stack, 'a', { image, healthCheck });

      expect(validationMessages(stack)).toEqual([]);
    });
  });
});
