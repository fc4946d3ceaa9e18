import { ContainerImage, HealthCheck, Port, Service, StackNetwork, StackNetworks } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-PORT-INTERNAL-ONLY', () => {
  test('compliant: a publishing service also joins a non-internal network', () => {
    const stack = newStack();
    const nets = new StackNetworks(stack, 'nets');
    new Service(stack, 'api', { image, healthCheck: health, networks: [{ network: nets.backend }, { network: nets.frontend }], ports: [{ containerPort: Port.tcp(8000) }] });
    expect(findings(stack, 'CDS-PORT-INTERNAL-ONLY')).toEqual([]);
  });

  test('non-compliant: a port published from an internal network only (seed 003 postgres)', () => {
    const stack = newStack();
    const backend = new StackNetwork(stack, 'backend-net', { internal: true });
    new Service(stack, 'db', { image, healthCheck: health, networks: [{ network: backend }], ports: [{ containerPort: Port.tcp(5432) }] });
    const [message] = findings(stack, 'CDS-PORT-INTERNAL-ONLY');
    expect(message).toContain('test/db: ports = "127.0.0.1:5432": published, but the service joins only internal networks (test-backend-net)');
    expect(message).toContain('Fix: also connect the service to a non-internal network');
  });

  test('non-compliant: every port and every internal network is listed', () => {
    const stack = newStack();
    const a = new StackNetwork(stack, 'a', { internal: true });
    const b = new StackNetwork(stack, 'b', { internal: true });
    new Service(stack, 'db', { image, healthCheck: health, networks: [{ network: a }, { network: b }], ports: [{ containerPort: Port.tcp(5432) }, { containerPort: Port.tcp(9187) }] });
    expect(findings(stack, 'CDS-PORT-INTERNAL-ONLY')).toEqual([
      '[CDS-PORT-INTERNAL-ONLY] test/db: ports = "127.0.0.1:5432, 127.0.0.1:9187": published, but the service joins only internal networks (test-a, test-b). ' +
        'Fix: also connect the service to a non-internal network (e.g. frontend), or stop publishing the port',
    ]);
  });
});
