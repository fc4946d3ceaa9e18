import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { container, image, network, provider } from '../.gen/providers/docker';
import { ContainerImage, DockerApp, DockerStack, HealthCheck, NamedVolume, Port, Service, StackNetwork, UpdateOrder } from '../constructs';

// One measurement, run in its own process so peak memory belongs to one variant:
//   ts-node bench/generated-stack.ts <constructs|constructs-start-first|bindings> <services>
// `constructs-start-first` is the same stack with UpdateOrder.START_FIRST on every service
// (volumes read-only, as START_FIRST requires): the cost of the generation keepers.
// Prints one JSON line: synth milliseconds, peak RSS and RSS before building.

const [variant, countText] = process.argv.slice(2);
const count = Number(countText);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-bench-'));
const healthTest = ['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=5)"];

function withConstructs(updateOrder: UpdateOrder): void {
  const startFirst = updateOrder === UpdateOrder.START_FIRST;
  const app = new DockerApp({ outdir });
  const stack = new DockerStack(app, 'bench');
  const net = new StackNetwork(stack, 'backend-net', { internal: true });
  const appImage = ContainerImage.fromRegistry('example/app:1.0.0');
  let previous: Service | undefined;
  for (let i = 0; i < count; i++) {
    const service: Service = new Service(stack, `svc${i}`, {
      image: appImage,
      healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000) }),
      networks: [{ network: net }],
      volumes: [{ volume: new NamedVolume(stack, `data${i}`), target: '/data', readOnly: startFirst }],
      environment: { INDEX: String(i), LOG_LEVEL: 'info' },
      dependsOn: i % 10 !== 0 && previous ? [previous] : [],
      updateOrder,
    });
    previous = service;
  }
  app.synth();
}

function withBindings(): void {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  new provider.DockerProvider(stack, 'docker', {});
  const net = new network.Network(stack, 'backend-net', { name: 'bench-backend', driver: 'bridge', internal: true });
  const appImage = new image.Image(stack, 'image', { name: 'example/app:1.0.0', keepLocally: true });
  let previous: container.Container | undefined;
  for (let i = 0; i < count; i++) {
    previous = new container.Container(stack, `svc${i}`, {
      name: `bench-svc${i}`,
      image: appImage.imageId,
      env: [`INDEX=${i}`, 'LOG_LEVEL=info'],
      networksAdvanced: [{ name: net.id, aliases: [`svc${i}`] }],
      mounts: [{ type: 'volume', source: `bench-data${i}`, target: '/data', readOnly: false }],
      healthcheck: { test: healthTest, interval: '10s', timeout: '5s', retries: 3, startPeriod: '10s' },
      wait: true,
      waitTimeout: 85,
      memory: 512,
      memorySwap: 512,
      cpus: '1.0',
      restart: 'on-failure',
      maxRetryCount: 5,
      logDriver: 'json-file',
      logOpts: { 'max-size': '10m', 'max-file': '3' },
      capabilities: { drop: ['ALL'], add: [] },
      securityOpts: ['no-new-privileges:true'],
      labels: [{ label: 'org.cdktf-docker-stacks.service', value: `svc${i}` }],
      mustRun: true,
      dependsOn: i % 10 !== 0 && previous ? [previous] : [],
    });
  }
  app.synth();
}

const rssBefore = process.memoryUsage().rss;
const start = process.hrtime.bigint();
if (variant === 'constructs') withConstructs(UpdateOrder.STOP_FIRST);
else if (variant === 'constructs-start-first') withConstructs(UpdateOrder.START_FIRST);
else if (variant === 'bindings') withBindings();
else throw new Error('usage: generated-stack.ts <constructs|constructs-start-first|bindings> <services>');
const millis = Number(process.hrtime.bigint() - start) / 1e6;
const peakRss = process.resourceUsage().maxRSS * 1024;
const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'bench', 'cdk.tf.json'), 'utf8')) as { resource: { docker_container: object } };
fs.rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ variant, count, millis, peakRss, rssBefore, containers: Object.keys(written.resource.docker_container).length }));
