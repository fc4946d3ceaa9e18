import { ContainerImage, DockerStack, HealthCheck, Postgres, Secret, Service, UpdateOrder } from '../../../constructs';
import { ofRule, synthApp } from '../../support/app-synth';

// constructs/rules/app-container-name.ts: container names across the stacks that share an engine.
const image = ContainerImage.fromRegistry('example/api:1.0.0');
const healthCheck = HealthCheck.command(['true']);
const RULE = 'CDS-APP-CONTAINER-NAME-DUPLICATE';
const DEFAULT_ENGINE = 'the default engine (DOCKER_HOST, else the local socket)';
const FIX = 'Fix: give the stacks different namePrefixes, or one of the services another containerName';

describe(RULE, () => {
  test('compliant: the same construct ids in two stacks with their own prefixes', () => {
    const { messages, written } = synthApp((app) => {
      for (const id of ['shop-blue', 'shop-green']) new Postgres(new DockerStack(app, id), 'db', { password: Secret.fromVariable('shop_password') });
    });
    expect(messages).toEqual([]);
    expect(written).toEqual(expect.arrayContaining(['stacks/shop-blue/cdk.tf.json', 'stacks/shop-green/cdk.tf.json']));
  });

  test('fails when two stacks with one namePrefix each have a Postgres "db" (both would be shop-db)', () => {
    const { messages, written } = synthApp((app) => {
      for (const id of ['shop-blue', 'shop-green']) new Postgres(new DockerStack(app, id, { namePrefix: 'shop' }), 'db', { password: Secret.fromVariable('shop_password') });
    });
    expect(ofRule(messages, RULE)).toEqual([
      `[${RULE}] shop-green/db: containerName = "shop-db": already the name of a container of shop-blue/db (stack "shop-blue"), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`,
    ]);
    expect(written).toEqual([]);
  });

  test('fails when a containerName is repeated in two stacks', () => {
    const { messages } = synthApp((app) => {
      new Service(new DockerStack(app, 'a'), 'api', { image, healthCheck, containerName: 'gateway' });
      new Service(new DockerStack(app, 'b'), 'web', { image, healthCheck, containerName: 'gateway' });
    });
    expect(ofRule(messages, RULE)).toEqual([`[${RULE}] b/web: containerName = "gateway": already the name of a container of a/api (stack "a"), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`]);
  });

  test('fails when a replica name (<name>-2) is another stack\'s container name', () => {
    const { messages } = synthApp((app) => {
      new Service(new DockerStack(app, 'a', { namePrefix: 'shop' }), 'worker', { image, healthCheck, replicas: 2 });
      new Service(new DockerStack(app, 'b'), 'worker', { image, healthCheck, containerName: 'shop-worker-2' });
    });
    expect(ofRule(messages, RULE)).toEqual([`[${RULE}] b/worker: containerName = "shop-worker-2": already the name of a container of a/worker (stack "a"), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`]);
  });

  test('fails when a START_FIRST service\'s base name is another stack\'s container name', () => {
    const { messages } = synthApp((app) => {
      new Service(new DockerStack(app, 'a', { namePrefix: 'shop' }), 'api', { image, healthCheck, updateOrder: UpdateOrder.START_FIRST });
      new Service(new DockerStack(app, 'b', { namePrefix: 'shop' }), 'api', { image, healthCheck });
    });
    expect(ofRule(messages, RULE)).toEqual([`[${RULE}] b/api: containerName = "shop-api": already the name of a container of a/api (stack "a"), and both stacks deploy to ${DEFAULT_ENGINE}. ${FIX}`]);
  });

  test('compliant: one name on two different engines', () => {
    const { messages } = synthApp((app) => {
      new Service(new DockerStack(app, 'a', { dockerHost: 'ssh://deploy@one.example.com' }), 'api', { image, healthCheck, containerName: 'gateway' });
      new Service(new DockerStack(app, 'b', { dockerHost: 'ssh://deploy@two.example.com' }), 'api', { image, healthCheck, containerName: 'gateway' });
    });
    expect(messages).toEqual([]);
  });
});
