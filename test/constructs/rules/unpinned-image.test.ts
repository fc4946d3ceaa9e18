import { ContainerImage, HealthCheck, Service } from '../../../constructs';
import { findings } from '../../support/rules';
import { newStack } from '../../support/synth';

const health = HealthCheck.command(['true']);

describe('CDS-IMAGE-UNPINNED', () => {
  test('compliant: tag and digest', () => {
    const stack = newStack();
    new Service(stack, 'a', { image: ContainerImage.fromRegistry('chromadb/chroma:1.0.15'), healthCheck: health });
    new Service(stack, 'b', { image: ContainerImage.fromRegistry(`redis@sha256:${'a'.repeat(64)}`), healthCheck: health });
    expect(findings(stack, 'CDS-IMAGE-UNPINNED')).toEqual([]);
  });

  test.each([
    ['ghcr.io/chroma-core/chroma:latest', 'the tag `latest` is not a version'],
    ['postgres', 'the image has no tag'],
  ])('non-compliant: %s', (reference, why) => {
    const stack = newStack();
    new Service(stack, 'a', { image: ContainerImage.fromRegistry(reference), healthCheck: health });
    expect(findings(stack, 'CDS-IMAGE-UNPINNED')).toEqual([
      `[CDS-IMAGE-UNPINNED] test/a: image = "${reference}": ${why}. Fix: pin a version tag (e.g. chromadb/chroma:1.0.15) or a digest (name@sha256:...)`,
    ]);
  });
});
