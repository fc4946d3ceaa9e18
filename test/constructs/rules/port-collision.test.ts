import { ContainerImage, HealthCheck, Port, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-PORT-COLLISION', () => {
  test('compliant: the same port on two different loopback addresses', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080), hostIp: '127.0.0.1' }] });
    new Service(stack, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080), hostIp: '127.0.0.2' }] });
    expect(findings(stack, 'CDS-PORT-COLLISION')).toEqual([]);
  });

  test('non-compliant: 127.0.0.1 overlaps an earlier 0.0.0.0 on the same port', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, public: true, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
    new Service(stack, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(81), hostPort: Port.tcp(8080) }] });
    expect(findings(stack, 'CDS-PORT-COLLISION')).toEqual([
      '[CDS-PORT-COLLISION] test/b: ports = "127.0.0.1:8080/tcp": already published by test/a on 0.0.0.0:8080. Fix: give one of them another hostPort',
    ]);
  });

  test('non-compliant: 0.0.0.0 overlaps 127.0.0.1 on the same port', () => {
    const stack = newStack();
    new Service(stack, 'a', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
    new Service(stack, 'b', { image, healthCheck: health, public: true, ports: [{ containerPort: Port.tcp(81), hostPort: Port.tcp(8080) }] });
    expect(findings(stack, 'CDS-PORT-COLLISION')).toEqual([
      '[CDS-PORT-COLLISION] test/b: ports = "0.0.0.0:8080/tcp": already published by test/a on 127.0.0.1:8080. Fix: give one of them another hostPort',
    ]);
  });
});
