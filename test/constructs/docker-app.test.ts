import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APP_RULES, ContainerImage, DockerApp, DockerStack, HealthCheck, Port, Service, StackValidationError } from '../../constructs';
import { stackTopology, TOPOLOGY_FILE } from '../../constructs/private/topology';
import { addSeedStacks, STACK_NAMES } from '../../stacks';
import { ofRule, synthApp } from '../support/app-synth';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const healthCheck = HealthCheck.command(['true']);

/** Runs `body` with a fresh output directory, removed afterwards. */
function withOutdir(body: (outdir: string) => void): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-docker-app-'));
  try {
    body(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every file (not directory) under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Two services publishing the same container port on the same host address: CDS-PORT-COLLISION. */
function addCollision(stack: DockerStack): void {
  new Service(stack, 'a', { image, healthCheck, ports: [{ containerPort: Port.tcp(80) }] });
  new Service(stack, 'b', { image, healthCheck, ports: [{ containerPort: Port.tcp(80) }] });
}

function synthError(app: DockerApp): StackValidationError {
  try {
    app.synth();
  } catch (error) {
    if (StackValidationError.isStackValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected a StackValidationError');
}

describe('DockerApp', () => {
  test('given valid stacks, when synthesized, then each stack and the manifest are written', () => {
    withOutdir((outdir) => {
      const app = new DockerApp({ outdir });
      new Service(new DockerStack(app, 'shop'), 'api', { image, healthCheck });
      new Service(new DockerStack(app, 'blog'), 'web', { image, healthCheck });

      app.synth();

      expect(filesUnder(outdir)).toEqual(expect.arrayContaining(['manifest.json', path.join('stacks', 'blog', 'cdk.tf.json'), path.join('stacks', 'shop', 'cdk.tf.json')]));
    });
  });

  test('given valid stacks, when synthesized, then each stack\'s topology (read from its construct tree) is written beside its cdk.tf.json', () => {
    withOutdir((outdir) => {
      const app = new DockerApp({ outdir });
      const shop = new DockerStack(app, 'shop', { namePrefix: 'web-shop' });
      new Service(shop, 'api', { image, healthCheck });

      app.synth();

      const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'shop', TOPOLOGY_FILE), 'utf8')) as unknown;
      expect(written).toEqual(stackTopology(shop));
      expect(written).toMatchObject({ stack: 'shop', namePrefix: 'web-shop', services: [{ name: 'api', containerNames: ['web-shop-api'] }] });
    });
  });

  test('given a later stack that breaks a rule, when synthesized, then nothing at all is written, not even the earlier valid stack', () => {
    withOutdir((outdir) => {
      const app = new DockerApp({ outdir });
      new Service(new DockerStack(app, 'good'), 'api', { image, healthCheck });
      addCollision(new DockerStack(app, 'bad'));

      const error = synthError(app);

      expect(error.messages).toEqual([expect.stringMatching(/^\[CDS-PORT-COLLISION\] /)]);
      expect(error.message).toMatch(/^Synthesis stopped: 1 problem found, nothing was written\./);
      expect(filesUnder(outdir)).toEqual([]);
    });
  });

  test('given problems in two stacks, when synthesized, then they are reported together', () => {
    withOutdir((outdir) => {
      const app = new DockerApp({ outdir });
      addCollision(new DockerStack(app, 'one'));
      addCollision(new DockerStack(app, 'two'));

      const error = synthError(app);

      // Each stack's own collision (the two stacks also clash with each other: APP_RULES, tested below).
      expect(error.messages.filter((m) => m.startsWith('[CDS-PORT-COLLISION] '))).toHaveLength(2);
      expect(error.messages.join('\n')).toContain('one/');
      expect(error.messages.join('\n')).toContain('two/');
      expect(filesUnder(outdir)).toEqual([]);
    });
  });

  test('given a construct-level validation failing below a stack, when synthesized, then its message is prefixed with the construct path', () => {
    withOutdir((outdir) => {
      const app = new DockerApp({ outdir });
      const stack = new DockerStack(app, 'shop');
      const api = new Service(stack, 'api', { image, healthCheck });
      api.node.addValidation({ validate: () => ['an example problem'] });

      expect(synthError(app).messages).toEqual(['shop/api: an example problem']);
    });
  });
});

const PORT_RULE = 'CDS-APP-PORT-COLLISION';

/** A stack whose service `api` publishes 127.0.0.1:`hostPort`. */
function publishing(scope: Parameters<Parameters<typeof synthApp>[0]>[0], id: string, hostPort: number, dockerHost?: string): DockerStack {
  const stack = new DockerStack(scope, id, { dockerHost });
  new Service(stack, 'api', { image, healthCheck, ports: [{ containerPort: Port.tcp(8000), hostPort: Port.tcp(hostPort) }] });
  return stack;
}

describe('DockerApp across stacks (APP_RULES)', () => {
  test('the app rules are listed in APP_RULES, each with an id, a summary and an explanation', () => {
    expect(APP_RULES.map((r) => r.id)).toEqual(['CDS-APP-PORT-COLLISION', 'CDS-APP-CONTAINER-NAME-DUPLICATE', 'CDS-APP-NETWORK-NAME-DUPLICATE', 'CDS-APP-VOLUME-SHARED']);
    for (const rule of APP_RULES) expect([rule.summary.length > 0, rule.explanation.length > 0]).toEqual([true, true]);
  });

  test('the six seed stacks with the default configuration synthesize side by side on one engine', () => {
    // Given every documented stack, default ports and names, on the default engine
    // When the app synthesizes into a real directory
    const { messages, written } = synthApp((app) => addSeedStacks(app, {}));

    // Then no rule fires and each stack is written
    expect(messages).toEqual([]);
    expect(written).toEqual(expect.arrayContaining(STACK_NAMES.map((name) => `stacks/${name}/cdk.tf.json`)));
  });

  test('the six seed stacks on the local images synthesize side by side too', () => {
    expect(synthApp((app) => addSeedStacks(app, { imageProfile: 'local' })).messages).toEqual([]);
  });

  test('fails with the stacks\' own problems and the app\'s together, writing no file', () => {
    const { messages, written } = synthApp((app) => {
      const a = publishing(app, 'a', 8000);
      new Service(a, 'b', { image: ContainerImage.fromRegistry('example/b:latest'), healthCheck });
      publishing(app, 'b', 8000);
    });
    expect(messages.map((m) => m.slice(0, m.indexOf(']') + 1))).toEqual(['[CDS-IMAGE-UNPINNED]', `[${PORT_RULE}]`]);
    expect(written).toEqual([]);
  });

  test('fails when a stack without dockerHost and one naming the local socket publish one port: both are the local engine', () => {
    const { messages } = synthApp((app) => {
      publishing(app, 'a', 8000);
      publishing(app, 'b', 8000, 'unix:///var/run/docker.sock');
    });
    expect(ofRule(messages, PORT_RULE)).toEqual([expect.stringContaining('b/api: ports = "127.0.0.1:8000/tcp": already published by a/api (stack "a") on 127.0.0.1:8000/tcp, and both stacks deploy to unix:///var/run/docker.sock.')]);
  });

  test('stacks on two different explicit engines are checked apart, each engine with its own stacks', () => {
    const { messages } = synthApp((app) => {
      publishing(app, 'a', 8000, 'tcp://10.0.0.5:2376');
      publishing(app, 'b', 8000, 'tcp://10.0.0.6:2376');
      publishing(app, 'c', 8000, 'tcp://10.0.0.6:2376');
    });
    expect(ofRule(messages, PORT_RULE)).toEqual([expect.stringMatching(/^\[CDS-APP-PORT-COLLISION\] c\/api: .* already published by b\/api \(stack "b"\) .* deploy to tcp:\/\/10\.0\.0\.6:2376\./)]);
  });

  test('a third stack on a taken port is reported against the first holder, once', () => {
    const { messages } = synthApp((app) => {
      for (const id of ['a', 'b', 'c']) publishing(app, id, 8000);
    });
    expect(ofRule(messages, PORT_RULE).map((m) => /^\S+ (\S+): .* by (\S+) /.exec(m)?.slice(1))).toEqual([
      ['b/api', 'a/api'],
      ['c/api', 'a/api'],
    ]);
  });
});
