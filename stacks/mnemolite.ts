import * as path from 'path';
import { Construct } from 'constructs';
import { AsgiServer, ChromaDb, Cpu, DockerStack, NginxProxy, Postgres, PythonApi, QueueWorker, Secret, Size, StackNetworks } from '../constructs';
import { dataPlacement, entryPointPlacement, hostPort, onSwarm, replicasOf, SeedStackProps, stackOnly } from './seed-stack-props';

/**
 * Seed 003 (MnemoLite): Postgres 17 + ChromaDB + api + worker, split into a frontend network
 * and an internal backend. Written from the seed's compose file without its defects: the
 * dependencies name services (not the `db` alias), Postgres flags are typed settings (no
 * comments folded into the command), nothing publishes a port from the internal network only,
 * ChromaDB is pinned and probed on its v2 heartbeat, and there are no default secrets.
 *
 * On an engine the api publishes hostPorts "mnemolite.api" (8380) on 127.0.0.1. On a Swarm
 * target, where a loopback port cannot be had, the api publishes nothing: an nginx proxy, the
 * entry point, runs on every node (global mode) and publishes hostPorts "mnemolite.nginx"
 * (8380) on every node's address. The api and the worker run `replicas` "mnemolite.api" /
 * "mnemolite.worker" tasks (default 2 on Swarm), and Postgres and ChromaDB are pinned to the
 * target's `dataNode`.
 */
export class MnemoliteStack extends DockerStack {
  readonly postgres: Postgres;
  readonly chroma: ChromaDb;
  readonly api: PythonApi;
  readonly worker: QueueWorker;

  constructor(scope: Construct, id: string, props: SeedStackProps) {
    super(scope, id, stackOnly(props));
    const nets = new StackNetworks(this, 'networks');

    this.postgres = new Postgres(this, 'postgres', {
      image: props.images.image('postgres'),
      user: 'mnemo',
      database: 'mnemolite',
      password: Secret.fromVariable('mnemolite_postgres_password'),
      settings: {
        sharedBuffers: Size.mebibytes(256),
        workMem: Size.mebibytes(16),
        effectiveCacheSize: Size.mebibytes(512),
        maintenanceWorkMem: Size.mebibytes(64),
        maxParallelWorkersPerGather: 2,
      },
      shmSize: Size.mebibytes(512),
      cpuLimit: Cpu.cores(1),
      memoryLimit: Size.gibibytes(1),
      initScriptsDirectory: path.resolve(__dirname, 'assets', 'mnemolite', 'db-init'),
      networks: [{ network: nets.backend, aliases: ['db'] }],
      ...dataPlacement(props),
    });

    this.chroma = new ChromaDb(this, 'chromadb', {
      image: props.images.image('chroma'),
      cpuLimit: Cpu.cores(1),
      memoryLimit: Size.gibibytes(1),
      networks: [{ network: nets.backend }],
      ...dataPlacement(props),
    });

    const apiKey = Secret.fromVariable('mnemolite_api_key');
    const connection = {
      POSTGRES_HOST: this.postgres.hostname,
      POSTGRES_PORT: '5432',
      POSTGRES_USER: this.postgres.user,
      POSTGRES_DB: this.postgres.database,
      CHROMA_HOST: this.chroma.hostname,
      CHROMA_PORT: '8000',
      ENVIRONMENT: 'production',
    };
    const secrets = { POSTGRES_PASSWORD: this.postgres.password, DATABASE_URL: this.postgres.connectionUrl, API_KEY: apiKey };

    this.api = new PythonApi(this, 'api', {
      image: props.images.image('app'),
      app: 'app.main:app',
      server: AsgiServer.uvicorn({ workers: 1 }),
      ...(onSwarm(props) ? {} : { hostPort: hostPort(this, props, 'api', 8380) }),
      replicas: replicasOf(this, props, 'api'),
      networks: [{ network: nets.backend }, { network: nets.frontend }],
      environment: { APP_NAME: 'mnemolite-api', ...connection },
      secrets,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(512),
      dependsOn: [this.postgres, this.chroma],
    });
    if (onSwarm(props)) {
      new NginxProxy(this, 'nginx', {
        image: props.images.image('nginx'),
        probeTool: props.images.nginxProbe,
        routes: [{ path: '/', upstream: this.api, upstreamPort: this.api.port }],
        httpPort: hostPort(this, props, 'nginx', 8380),
        networks: [{ network: nets.frontend }],
        ...entryPointPlacement(props),
      });
    }

    this.worker = new QueueWorker(this, 'worker', {
      image: props.images.image('app'),
      command: ['python3', '-m', 'app.worker'],
      queue: 'mnemo-tasks',
      replicas: replicasOf(this, props, 'worker'),
      networks: [{ network: nets.backend }],
      environment: { ...connection, PYTHONUNBUFFERED: '1' },
      secrets,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(512),
      dependsOn: [this.postgres, this.chroma],
    });
  }
}
