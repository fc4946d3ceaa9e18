import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContainerImage, DockerApp, DockerStack, HealthCheck, Port, Service, StackValidationError } from '../../constructs';

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

      expect(error.messages).toHaveLength(2);
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
