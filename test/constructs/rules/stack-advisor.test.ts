import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  ContainerImage,
  DockerApp,
  DockerStack,
  HealthCheck,
  Port,
  RestartPolicy,
  Service,
  StackValidationError,
} from '../../../constructs';
import { STACK_ADVISORIES, StackAdvisor } from '../../../constructs/rules/stack-advisor';
import { STACK_RULES } from '../../../constructs/rules/stack-validator';
import { newStack, synth } from '../../support/synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

const UNBOUNDED_WARNING =
  '[CDS-RESTART-UNBOUNDED] test/api: restartPolicy = unless-stopped: restarts without bound: a crash loop never ends, and between two crashes the container looks up. ' +
  'Fix: use RestartPolicy.onFailure(n) (the default is 5, at most 20), so a crashing container stops with its exit code and logs';

/** Warning annotations on one construct. */
function warnings(construct: IConstruct): unknown[] {
  return construct.node.metadata.filter((m) => (m.type as AnnotationMetadataEntryType) === AnnotationMetadataEntryType.WARN).map((m) => m.data);
}

/** Warning annotations anywhere in the stack, by construct path. */
function stackWarnings(stack: DockerStack): string[] {
  return stack.node.findAll().flatMap((c) => warnings(c).map((w) => `${c.node.path}: ${String(w)}`));
}

interface ManifestAnnotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: string;
}

function manifestAnnotations(outdir: string, stackName: string): ManifestAnnotation[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { annotations: ManifestAnnotation[] }> };
  return manifest.stacks[stackName].annotations;
}

describe('StackAdvisor', () => {
  test('given the advisories, then their ids are stable, distinct, and apart from the rules that are errors', () => {
    const advisoryIds = STACK_ADVISORIES.map((r) => r.id);
    expect(advisoryIds).toEqual(['CDS-RESTART-UNBOUNDED', 'CDS-DATA-PORT-PUBLIC']);
    const ruleIds = STACK_RULES.map((r) => r.id);
    for (const id of advisoryIds) expect(ruleIds).not.toContain(id);
    expect(new Set(advisoryIds).size).toBe(advisoryIds.length);
  });

  test('given a service with unlessStopped(), when synthesized with validations, then synth succeeds and the service carries one warning', () => {
    const stack = newStack();
    const api = new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    const json = synth(stack);
    expect(Object.keys(json.resource.docker_container)).toHaveLength(1);
    expect(warnings(api)).toEqual([UNBOUNDED_WARNING]);
    expect(stackWarnings(stack)).toEqual([`test/api: ${UNBOUNDED_WARNING}`]);
  });

  test('given only the default onFailure(5), when synthesized, then there is no warning', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck: health });
    new Service(stack, 'worker', { image, healthCheck: health, restartPolicy: RestartPolicy.never() });
    synth(stack);
    expect(stackWarnings(stack)).toEqual([]);
  });

  test('given a stack synthesized three times, then the warning is still given once', () => {
    const stack = newStack();
    const api = new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    synth(stack);
    synth(stack);
    Testing.synth(stack);
    expect(warnings(api)).toEqual([UNBOUNDED_WARNING]);
  });

  test('given two unbounded services, when synthesized, then each carries its own warning', () => {
    const stack = newStack();
    const web = new Service(stack, 'web', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    const api = new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    synth(stack);
    expect(warnings(web)).toEqual([expect.stringMatching(/^\[CDS-RESTART-UNBOUNDED\] test\/web: restartPolicy = unless-stopped: /)]);
    expect(warnings(api)).toEqual([expect.stringMatching(/^\[CDS-RESTART-UNBOUNDED\] test\/api: restartPolicy = unless-stopped: /)]);
  });

  test('given a visit to a construct other than the stack, then no advice is given; the stack\'s visit gives it all', () => {
    const stack = newStack();
    const api = new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    const advisor = new StackAdvisor(stack);
    advisor.visit(api);
    expect(stackWarnings(stack)).toEqual([]);
    advisor.visit(stack);
    expect(stackWarnings(stack)).toEqual([`test/api: ${UNBOUNDED_WARNING}`]);
  });

  test('given two services, one unbounded, when synthesized, then only that one is warned about', () => {
    const stack = newStack();
    const bounded = new Service(stack, 'web', { image, healthCheck: health });
    const unbounded = new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    synth(stack);
    expect(warnings(bounded)).toEqual([]);
    expect(warnings(unbounded)).toHaveLength(1);
  });

  test('given unlessStopped(), when fully synthesized, then the stack manifest carries the warning at the service path', () => {
    const stack = newStack();
    new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
    const outdir = Testing.fullSynth(stack);
    try {
      expect(manifestAnnotations(outdir, 'test')).toEqual([expect.objectContaining({ constructPath: 'test/api', level: AnnotationMetadataEntryType.WARN, message: UNBOUNDED_WARNING })]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('given unlessStopped(), when a DockerApp synthesizes, then the stack is written and the manifest warns', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-advisor-'));
    try {
      const app = new DockerApp({ outdir });
      const stack = new DockerStack(app, 'shop');
      new Service(stack, 'api', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped() });
      expect(() => app.synth()).not.toThrow();
      expect(fs.existsSync(path.join(outdir, 'stacks', 'shop', 'cdk.tf.json'))).toBe(true);
      const annotations = manifestAnnotations(outdir, 'shop');
      expect(annotations.map((a) => [a.constructPath, a.level, a.message.slice(0, 41)])).toEqual([['shop/api', AnnotationMetadataEntryType.WARN, '[CDS-RESTART-UNBOUNDED] shop/api: restart']]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('given an error and a warning, when a DockerApp synthesizes, then only the error is reported and nothing is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-advisor-'));
    try {
      const app = new DockerApp({ outdir });
      const stack = new DockerStack(app, 'shop');
      new Service(stack, 'a', { image, healthCheck: health, restartPolicy: RestartPolicy.unlessStopped(), ports: [{ containerPort: Port.tcp(80) }] });
      new Service(stack, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80) }] });
      let error: unknown;
      try {
        app.synth();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StackValidationError);
      expect((error as StackValidationError).messages).toEqual([expect.stringMatching(/^\[CDS-PORT-COLLISION\]/)]);
      expect(fs.readdirSync(outdir, { recursive: true }).map(String).filter((f) => f.endsWith('.tf.json') || f === 'manifest.json')).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
