import { StackRule } from './rule';

/** Every image is pinned by tag or digest. */
export const unpinnedImage: StackRule = {
  id: 'CDS-IMAGE-UNPINNED',
  summary: 'Every image has a tag other than `latest`, or a digest.',
  explanation: 'An unpinned image changes under a running stack: seed 003 ran `chroma:latest` and probed a heartbeat path that a later release removed.',
  check({ services }) {
    return services
      .filter((s) => !s.image.isPinned)
      .map((s) => ({
        ruleId: this.id,
        path: s.node.path,
        field: 'image',
        value: s.image.reference,
        message: s.image.tag === 'latest' ? 'the tag `latest` is not a version' : 'the image has no tag',
        fix: 'pin a version tag (e.g. chromadb/chroma:1.0.15) or a digest (name@sha256:...)',
      }));
  },
};
