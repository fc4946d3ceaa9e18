import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContainerImage, DockerApp, DockerStack, HealthCheck, Port, Service, StackValidationError } from '../../../constructs';

const image = ContainerImage.fromRegistry('example/app:1.0.0');
const health = HealthCheck.command(['true']);

describe('STACK_RULES, applied by DockerApp', () => {
  test('reports every problem of every stack together and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-app-'));
    const app = new DockerApp({ outdir });
    const good = new DockerStack(app, 'good');
    new Service(good, 'a', { image, healthCheck: health });
    const bad = new DockerStack(app, 'bad');
    new Service(bad, 'a', { image: ContainerImage.fromRegistry('x:latest'), healthCheck: health, ports: [{ containerPort: Port.tcp(80) }] });
    new Service(bad, 'b', { image, healthCheck: health, ports: [{ containerPort: Port.tcp(80) }] });

    expect(() => app.synth()).toThrow(StackValidationError);
    try {
      app.synth();
    } catch (e) {
      expect((e as StackValidationError).messages).toHaveLength(2);
    }
    const written = fs.readdirSync(outdir, { recursive: true }).map(String);
    expect(written.filter((f) => f.endsWith('.tf.json') || f === 'manifest.json')).toEqual([]);
  });
});
