import * as fs from 'fs';
import * as path from 'path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { container, image, network, provider } from '../../../.gen/providers/docker';

/** Names the first-deploy test looks up through the Docker API. */
export interface FirstDeployNames {
  readonly prefix: string;
  readonly network: string;
  readonly database: string;
  readonly dependent: string;
  readonly dataVolume: string;
}

export function firstDeployNames(prefix: string): FirstDeployNames {
  return {
    prefix,
    network: `${prefix}-net`,
    database: `${prefix}-db`,
    dependent: `${prefix}-probe`,
    dataVolume: `${prefix}-pgdata`,
  };
}

export interface FirstDeployOptions {
  readonly names: FirstDeployNames;
  readonly imagePrefix: string;
  readonly dbPassword: string;
  readonly dockerHost?: string;
}

/**
 * The toolchain proof, written directly on the generated bindings: a Postgres container
 * that is waited for until healthy, and a dependent container created only after it.
 */
export class FirstDeployStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: FirstDeployOptions) {
    super(scope, id);
    const { names } = options;
    new provider.DockerProvider(this, 'docker', options.dockerHost ? { host: options.dockerHost } : {});

    const net = new network.Network(this, 'net', { name: names.network, driver: 'bridge' });
    const pgImage = new image.Image(this, 'pg-image', { name: `${options.imagePrefix}/postgres:15`, keepLocally: true });
    const pyImage = new image.Image(this, 'py-image', { name: `${options.imagePrefix}/python:3`, keepLocally: true });
    const logOpts = { 'max-size': '10m', 'max-file': '3' };

    const db = new container.Container(this, 'db', {
      name: names.database,
      image: pgImage.imageId,
      env: ['POSTGRES_USER=app', `POSTGRES_PASSWORD=${options.dbPassword}`, 'POSTGRES_DB=app'],
      mounts: [{ type: 'volume', source: names.dataVolume, target: '/var/lib/postgresql/data' }],
      networksAdvanced: [{ name: net.id, aliases: ['db'] }],
      healthcheck: {
        test: ['CMD', 'pg_isready', '-U', 'app', '-d', 'app', '-h', '127.0.0.1'],
        interval: '2s',
        timeout: '5s',
        retries: 10,
        startPeriod: '10s',
      },
      wait: true,
      waitTimeout: 120,
      memory: 512,
      memorySwap: 512,
      cpus: '1.0',
      shmSize: 128,
      restart: 'on-failure',
      maxRetryCount: 3,
      destroyGraceSeconds: 30,
      stopSignal: 'SIGINT',
      logDriver: 'json-file',
      logOpts,
    });

    new container.Container(this, 'probe', {
      name: names.dependent,
      image: pyImage.imageId,
      command: ['python3', '/app/db-probe.py'],
      env: [`DATABASE_URL=postgresql://app:${options.dbPassword}@db:5432/app`],
      upload: [{ file: '/app/db-probe.py', content: fs.readFileSync(path.join(__dirname, '../../fixtures/apps/db-probe.py'), 'utf8') }],
      networksAdvanced: [{ name: net.id }],
      healthcheck: {
        test: ['CMD', 'python3', '-c', "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=3)"],
        interval: '2s',
        timeout: '5s',
        retries: 10,
        startPeriod: '5s',
      },
      wait: true,
      waitTimeout: 60,
      memory: 128,
      memorySwap: 128,
      cpus: '0.5',
      restart: 'on-failure',
      maxRetryCount: 3,
      logDriver: 'json-file',
      logOpts,
      dependsOn: [db],
    });
  }
}

/** Synthesizes the stack into `outdir`; used by the e2e test and runnable as a cdktf app. */
export function synthFirstDeploy(outdir: string, stackName: string, options: FirstDeployOptions): void {
  const app = new App({ outdir });
  const stack = new FirstDeployStack(app, stackName, options);
  // State next to the synthesized output, not in the project's working directory.
  new LocalBackend(stack, { path: path.join(outdir, '..', `terraform.${stackName}.tfstate`) });
  app.synth();
}
