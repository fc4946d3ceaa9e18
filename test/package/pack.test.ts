import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Given the package as npm would publish it, when another project installs the tarball and
// imports the constructs, then it synthesizes a stack (and a rule still rejects a bad one).
const root = path.resolve(__dirname, '../..');
let consumer: string;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string>; devDependencies: Record<string, string> };
const devVersion = (name: string): string => manifest.devDependencies[name];

beforeAll(() => {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-pack-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop() as string;
  consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-consumer-'));
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  // As an app does: its own cdktf and constructs, which the library shares (peer dependencies).
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(packDir, tarball), `cdktf@${devVersion('cdktf')}`, `constructs@${devVersion('constructs')}`], { cwd: consumer, stdio: 'pipe' });
});

afterAll(() => {
  if (consumer) fs.rmSync(consumer, { recursive: true, force: true });
});

function runInConsumer(script: string): { status: number; output: string } {
  const file = path.join(consumer, 'app.js');
  fs.writeFileSync(file, script);
  try {
    return { status: 0, output: execFileSync('node', [file], { cwd: consumer, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

test('the tarball ships compiled constructs with type declarations and no sources or tests', () => {
  const installed = path.join(consumer, 'node_modules', 'cdktf-docker-stacks');
  expect(fs.existsSync(path.join(installed, 'lib/constructs/index.js'))).toBe(true);
  expect(fs.existsSync(path.join(installed, 'lib/constructs/index.d.ts'))).toBe(true);
  expect(fs.existsSync(path.join(installed, 'test'))).toBe(false);
  expect(fs.existsSync(path.join(installed, 'constructs'))).toBe(false);
});

test("cdktf and constructs are peer dependencies: the app's one copy is the library's, never a bundled second one", () => {
  expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['cdktf', 'constructs']);
  expect(manifest.dependencies).not.toHaveProperty('cdktf');
  expect(manifest.dependencies).not.toHaveProperty('constructs');
  const installed = path.join(consumer, 'node_modules', 'cdktf-docker-stacks');
  expect(fs.existsSync(path.join(installed, 'node_modules', 'cdktf'))).toBe(false);
  expect(fs.existsSync(path.join(installed, 'node_modules', 'constructs'))).toBe(false);
  const { status, output } = runInConsumer(`
    const resolved = (request) => require.resolve(request, { paths: [require.resolve('cdktf-docker-stacks')] });
    console.log(resolved('cdktf') === require.resolve('cdktf') && resolved('constructs') === require.resolve('constructs'));
  `);
  expect(output.trim()).toBe('true');
  expect(status).toBe(0);
});

test('another project imports the constructs and synthesizes a stack', () => {
  const result = runInConsumer(`
    const { DockerApp, DockerStack, Postgres, PythonApi, StackNetworks, ContainerImage, Port } = require('cdktf-docker-stacks');
    const app = new DockerApp({ outdir: 'out' });
    const stack = new DockerStack(app, 'shop');
    const nets = new StackNetworks(stack, 'networks');
    const db = new Postgres(stack, 'db', { networks: [{ network: nets.backend }] });
    new PythonApi(stack, 'api', { image: ContainerImage.fromRegistry('example/shop-api:1.0.0'), app: 'shop.main:app',
      hostPort: Port.tcp(8080), networks: [{ network: nets.backend }, { network: nets.frontend }],
      secrets: { DATABASE_URL: db.connectionUrl }, dependsOn: [db] });
    app.synth();
    const json = require('./out/stacks/shop/cdk.tf.json');
    console.log(Object.values(json.resource.docker_container).map((c) => c.name).sort().join(','));
  `);
  expect(result).toEqual({ status: 0, output: 'shop-api,shop-db\n' });
});

test('the installed command runs with what the package depends on: its version, and one error with its fix', () => {
  // Given a stack synthesized in the consumer
  expect(runInConsumer(`
    const { DockerApp, DockerStack, Service, HealthCheck, ContainerImage } = require('cdktf-docker-stacks');
    const app = new DockerApp({ outdir: 'cli-out' });
    new Service(new DockerStack(app, 'shop'), 'api', { image: ContainerImage.fromRegistry('example/api:1.0.0'), healthCheck: HealthCheck.command(['true']) });
    app.synth();
  `).status).toBe(0);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const cds = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(path.join(consumer, 'node_modules', '.bin', 'cdktf-docker-stacks'), args, { cwd: consumer, encoding: 'utf8' });

  // When the command runs from the consumer's node_modules/.bin
  const versionRun = cds('--version');
  // (status loads the Docker client: an engine that is not there is the error expected)
  const statusRun = cds('status', 'shop', '--output', 'cli-out', '--host', `unix://${path.join(consumer, 'no-engine.sock')}`);

  // Then
  expect(versionRun).toMatchObject({ status: 0, stdout: `${version}\n` });
  expect(statusRun).toMatchObject({ status: 2, stdout: '' });
  expect(statusRun.stderr).toMatch(/^error: cannot reach the Docker engine at unix:\/\/\S+no-engine\.sock \(from --host\): .*\nfix: start the engine, or point --host \/ CDS_DOCKER_HOST at it\n$/);
});

test('a rule violation in the consumer fails with the construct path and writes nothing', () => {
  const result = runInConsumer(`
    const { DockerApp, DockerStack, Service, HealthCheck, ContainerImage } = require('cdktf-docker-stacks');
    const app = new DockerApp({ outdir: 'bad-out' });
    const stack = new DockerStack(app, 'bad');
    new Service(stack, 'api', { image: ContainerImage.fromRegistry('example/api:latest'), healthCheck: HealthCheck.command(['true']) });
    app.synth();
  `);
  expect(result.status).not.toBe(0);
  expect(result.output).toContain('[CDS-IMAGE-UNPINNED] bad/api: image = "example/api:latest"');
  expect(fs.existsSync(path.join(consumer, 'bad-out', 'stacks', 'bad', 'cdk.tf.json'))).toBe(false);
});

test('the published declarations hide what is marked @internal and still compile a TypeScript consumer', () => {
  const installed = path.join(consumer, 'node_modules', 'cdktf-docker-stacks', 'lib', 'constructs');
  // Given the declarations as published
  const healthCheck = fs.readFileSync(path.join(installed, 'health-check.d.ts'), 'utf8');
  const image = fs.readFileSync(path.join(installed, 'image.d.ts'), 'utf8');
  const logging = fs.readFileSync(path.join(installed, 'logging.d.ts'), 'utf8');
  // Then the implementation methods are not in them
  expect(healthCheck).not.toMatch(/\brender\(|\bhash\(|RenderedHealthCheck/);
  expect(image).not.toMatch(/\bbind\(/);
  expect(logging).not.toMatch(/\brender\(/);

  // When a strict TypeScript project type-checks a stack against them (declarations included)
  fs.writeFileSync(
    path.join(consumer, 'app.ts'),
    `import { DockerApp, DockerStack, Postgres, PythonApi, StackNetworks, ContainerImage, Port, HealthCheck, Duration, ValidationError } from 'cdktf-docker-stacks';
    const app = new DockerApp({ outdir: 'ts-out' });
    const stack = new DockerStack(app, 'shop');
    const nets = new StackNetworks(stack, 'networks');
    const db = new Postgres(stack, 'db', { networks: [{ network: nets.backend }] });
    new PythonApi(stack, 'api', { image: ContainerImage.fromRegistry('example/shop-api:1.0.0'), app: 'shop.main:app', hostPort: Port.tcp(8080),
      networks: [{ network: nets.backend }, { network: nets.frontend }], secrets: { DATABASE_URL: db.connectionUrl }, dependsOn: [db],
      healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000), interval: Duration.seconds(10) }) });
    const problems: readonly unknown[] = new ValidationError([]).problems;
    export { app, problems };
    `,
  );
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--esModuleInterop', '--module', 'commonjs', '--target', 'es2022', '--moduleResolution', 'node', 'app.ts'], {
      cwd: consumer,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const e = error as { stdout: string; stderr: string };
    output = `${e.stdout}${e.stderr}`;
  }
  // Then neither the consumer nor this package's declarations have an error (no declaration
  // refers to something stripped); other packages' declarations are theirs to keep.
  const ours = output.split('\n').filter((line) => line.startsWith('app.ts') || line.includes('node_modules/cdktf-docker-stacks/'));
  expect(ours).toEqual([]);
});
