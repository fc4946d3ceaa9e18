import * as path from 'path';
import { Construct } from 'constructs';
import { AsgiServer, ChromaDb, Cpu, DockerStack, Postgres, PythonApi, QueueWorker, Secret, Size, StackNetworks } from '../constructs';
import { hostPort, SeedStackProps, stackOnly } from './seed-stack-props';

/**
 * Seed 003 (MnemoLite): Postgres 17 + ChromaDB + api + worker, split into a frontend network
 * and an internal backend. Written from the seed's compose file without its defects: the
 * dependencies name services (not the `db` alias), Postgres flags are typed settings (no
 * comments folded into the command), nothing publishes a port from the internal network only,
 * ChromaDB is pinned and probed on its v2 heartbeat, and there are no default secrets.
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
    });

    this.chroma = new ChromaDb(this, 'chromadb', {
      image: props.images.image('chroma'),
      cpuLimit: Cpu.cores(1),
      memoryLimit: Size.gibibytes(1),
      networks: [{ network: nets.backend }],
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
      hostPort: hostPort(this, props, 'api', 8380),
      networks: [{ network: nets.backend }, { network: nets.frontend }],
      environment: { APP_NAME: 'mnemolite-api', ...connection },
      secrets,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(512),
      dependsOn: [this.postgres, this.chroma],
    });

    this.worker = new QueueWorker(this, 'worker', {
      image: props.images.image('app'),
      command: ['python3', '-m', 'app.worker'],
      queue: 'mnemo-tasks',
      networks: [{ network: nets.backend }],
      environment: { ...connection, PYTHONUNBUFFERED: '1' },
      secrets,
      cpuLimit: Cpu.cores(0.5),
      memoryLimit: Size.mebibytes(512),
      dependsOn: [this.postgres, this.chroma],
    });
  }
}
