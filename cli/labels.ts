/**
 * The labels the library puts on every container (SERVICE_LABELS in constructs/service.ts),
 * repeated here so the CLI does not load the constructs (and cdktf) to read a stack's status.
 * test/cli/labels.test.ts fails when the two drift apart.
 */
export const CDS_LABELS = {
  stack: 'org.cdktf-docker-stacks.stack',
  service: 'org.cdktf-docker-stacks.service',
} as const;
