import { ContainerImage, DockerStack, HealthCheck, NamedVolume, Postgres, Secret, Service } from '../../../constructs';
import { ofRule, synthApp } from '../../support/app-synth';

// constructs/rules/app-volume-name.ts: named volumes across the stacks that share an engine.
const image = ContainerImage.fromRegistry('example/api:1.0.0');
const healthCheck = HealthCheck.command(['true']);
const RULE = 'CDS-APP-VOLUME-SHARED';
const DEFAULT_ENGINE = 'the default engine (DOCKER_HOST, else the local socket)';
const FIX = 'Fix: give the stacks different namePrefixes, or one of the volumes another volumeName (mount it read-only in both stacks if sharing is intended)';

describe(RULE, () => {
  test('fails when two stacks with one namePrefix each have a Postgres "db" (both would mount shop-db-data)', () => {
    const { messages, written } = synthApp((app) => {
      for (const id of ['shop-blue', 'shop-green']) new Postgres(new DockerStack(app, id, { namePrefix: 'shop' }), 'db', { password: Secret.fromVariable('shop_password') });
    });
    expect(ofRule(messages, RULE)).toEqual([
      `[${RULE}] shop-green/db: volumes = "shop-db-data": already mounted by shop-blue/db (stack "shop-blue") at /var/lib/postgresql/data, and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`,
    ]);
    expect(written).toEqual([]);
  });

  test('compliant: a volume every stack mounts read-only (shared reference data)', () => {
    const { messages } = synthApp((app) => {
      for (const id of ['a', 'b']) {
        const stack = new DockerStack(app, id);
        new Service(stack, 'api', { image, healthCheck, volumes: [{ volume: new NamedVolume(stack, 'models', { volumeName: 'models' }), target: '/models', readOnly: true }] });
      }
    });
    expect(messages).toEqual([]);
  });

  test('fails when one of the two mounts of a shared volume writes', () => {
    const { messages } = synthApp((app) => {
      const a = new DockerStack(app, 'a');
      new Service(a, 'api', { image, healthCheck, volumes: [{ volume: new NamedVolume(a, 'models', { volumeName: 'models' }), target: '/models', readOnly: true }] });
      const b = new DockerStack(app, 'b');
      new Service(b, 'loader', { image, healthCheck, volumes: [{ volume: new NamedVolume(b, 'models', { volumeName: 'models' }), target: '/data' }] });
    });
    expect(ofRule(messages, RULE)).toEqual([`[${RULE}] b/loader: volumes = "models": already mounted by a/api (stack "a") at /models (read-only), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`]);
  });

  test('compliant: a volume name that is not mounted creates nothing on the engine', () => {
    const { messages } = synthApp((app) => {
      new NamedVolume(new DockerStack(app, 'a'), 'spare', { volumeName: 'spare' });
      new NamedVolume(new DockerStack(app, 'b'), 'spare', { volumeName: 'spare' });
    });
    expect(messages).toEqual([]);
  });
});
