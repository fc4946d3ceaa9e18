import { ContainerImage, HealthCheck, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('CDS-HOST-ACCESS', () => {
  test('compliant: the socket mounted with a reasoned opt-in', () => {
    const stack = newStack();
    new Service(stack, 'agent', {
      image,
      healthCheck: health,
      bindMounts: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }],
      hostAccess: { reason: 'reads container metrics for the dashboard', dockerSocket: true },
    });
    expect(findings(stack, 'CDS-HOST-ACCESS')).toEqual([]);
  });

  test('non-compliant: the socket mounted without it', () => {
    const stack = newStack();
    new Service(stack, 'agent', { image, healthCheck: health, bindMounts: [{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }] });
    expect(findings(stack, 'CDS-HOST-ACCESS')[0]).toContain('test/agent: bindMounts = "/var/run/docker.sock": mounts the Docker socket');
  });
});
