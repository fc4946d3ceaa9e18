import { ContainerImage, HealthCheck, NamedVolume, Postgres, Secret, Service, StackNetwork } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const RULE = 'CDS-VOLUME-SHARED';
const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

describe(RULE, () => {
  test('compliant: one writer and a read-only reader', () => {
    const stack = newStack();
    const backups = new NamedVolume(stack, 'backups');
    new Service(stack, 'writer', { image, healthCheck, volumes: [{ volume: backups, target: '/backups' }] });
    new Service(stack, 'reader', { image, healthCheck, volumes: [{ volume: backups, target: '/backups', readOnly: true }] });
    expect(findings(stack, RULE)).toEqual([]);
  });

  test('non-compliant: two Postgres on one data volume', () => {
    const stack = newStack();
    const data = new NamedVolume(stack, 'data');
    const network = new StackNetwork(stack, 'net');
    new Postgres(stack, 'a', { dataVolume: data, password: Secret.fromVariable('a_password'), networks: [{ network }] });
    new Postgres(stack, 'b', { dataVolume: data, password: Secret.fromVariable('b_password'), networks: [{ network }] });
    expect(findings(stack, RULE)).toEqual([
      `[${RULE}] test/b: volumes = "test-data": already written by test/a (at /var/lib/postgresql/data). Fix: give each service its own volume (another id or volumeName), or mount it read-only in all services but one`,
    ]);
  });

  test('non-compliant: two volume ids that differ only in case derive one name, both written', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck, volumes: [{ volume: new NamedVolume(stack, 'Data'), target: '/data' }] });
    new Service(stack, 'b', { image, healthCheck, volumes: [{ volume: new NamedVolume(stack, 'data'), target: '/data' }] });
    expect(findings(stack, RULE)).toEqual([expect.stringContaining('test/b: volumes = "test-data": already written by test/a')]);
  });
});
