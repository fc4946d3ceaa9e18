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

  test.each(['/var/run/docker.sock', '/run/docker.sock'])('non-compliant: the socket mounted from %s without it', (source) => {
    const stack = newStack();
    new Service(stack, 'agent', { image, healthCheck: health, bindMounts: [{ source, target: '/var/run/docker.sock' }] });
    expect(findings(stack, 'CDS-HOST-ACCESS')).toEqual([
      `[CDS-HOST-ACCESS] test/agent: bindMounts = "${source}": mounts the Docker socket, which controls the whole engine. Fix: remove the mount, or declare hostAccess: { dockerSocket: true, reason: "..." }`,
    ]);
  });
});
