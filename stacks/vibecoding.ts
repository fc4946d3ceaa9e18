import { Construct } from 'constructs';
import {
  AsgiServer,
  CronJob,
  CronRunner,
  CronSchedule,
  DockerStack,
  Duration,
  NginxProxy,
  Port,
  Postgres,
  PythonApi,
  QueueWorker,
  Redis,
  RedisPersistence,
  Scheduler,
  Secret,
  Size,
  StackNetwork,
  StackNetworks,
} from '../constructs';
import { dataPlacement, entryPointPlacement, hostPort, proxyTls, replicasOf, SeedStackProps, stackOnly } from './seed-stack-props';

export interface VibecodingStackProps extends SeedStackProps {
  /**
   * Scraping workers (seed: `docker compose up --scale worker=N`).
   * @default - the configuration's `replicas` "vibecoding.worker", else 1 (2 on Swarm)
   */
  readonly workerReplicas?: number;
}

const DATABASE = 'ocft_tracker';
const DATABASE_USER = 'ocft_user';
const JOB_QUEUE = 'vibe:jobs';

/**
 * Seed 002 (VibeCoding): nginx in front of a FastAPI API (gunicorn with 4 uvicorn workers),
 * scraping workers fed by a Redis job queue, Postgres, and a scheduler running the 3-hourly
 * auto-scrape and the `pg_dump` backups. The database password comes from the environment
 * (TF_VAR_vibecoding_postgres_password); there is no default.
 *
 * nginx publishes HTTP on hostPorts "vibecoding.nginx" (80). With a certificate directory in
 * the configuration's `tls` ("vibecoding.nginx") it also publishes HTTPS on hostPorts
 * "vibecoding.nginx-https" (443), and HTTP answers with a 308 redirect to it.
 *
 * On a Swarm target the API and the workers run `replicas` "vibecoding.api" / "vibecoding.worker"
 * tasks (default 2), Postgres, Redis and the scheduler (with its backups volume) are pinned to
 * the target's `dataNode`, and nginx, the entry point, runs on every node (global mode) and
 * publishes its port on every node's address.
 */
export class VibecodingStack extends DockerStack {
  readonly api: PythonApi;
  readonly workers: QueueWorker;

  constructor(scope: Construct, id: string, props: VibecodingStackProps) {
    super(scope, id, stackOnly(props));
    const workerReplicas = props.workerReplicas ?? replicasOf(this, props, 'worker');
    const nets = new StackNetworks(this, 'networks');
    const backend = [{ network: nets.backend }];

    const postgres = new Postgres(this, 'postgres', {
      image: props.images.image('postgres'),
      database: DATABASE,
      user: DATABASE_USER,
      password: Secret.fromVariable('vibecoding_postgres_password'),
      networks: backend,
      ...dataPlacement(props),
    });
    const redis = new Redis(this, 'redis', {
      image: props.images.image('redis'),
      persistence: RedisPersistence.APPEND_ONLY,
      networks: backend,
      ...dataPlacement(props),
    });
    const shared = {
      environment: { REDIS_URL: redis.url, USE_POSTGRES: 'true', ENVIRONMENT: 'production', QUEUE_NAME: JOB_QUEUE },
      secrets: { DATABASE_URL: postgres.connectionUrl },
    };

    const apiPort = Port.tcp(8000);
    this.api = new PythonApi(this, 'api', {
      image: props.images.image('app'),
      app: 'app.main:app',
      server: AsgiServer.gunicorn({ workers: 4 }),
      port: apiPort,
      networks: [{ network: nets.backend }, { network: nets.frontend }],
      environment: { APP_NAME: 'vibecoding-api', WORKERS: '4', ...shared.environment },
      secrets: shared.secrets,
      memoryLimit: Size.gibibytes(1),
      replicas: replicasOf(this, props, 'api'),
      dependsOn: [postgres, redis],
    });

    this.workers = new QueueWorker(this, 'worker', {
      image: props.images.image('app'),
      command: ['python3', '-m', 'app.worker'],
      queue: JOB_QUEUE,
      concurrency: 2,
      replicas: workerReplicas,
      redis,
      networks: backend,
      environment: { USE_POSTGRES: 'true', ENVIRONMENT: 'production' },
      secrets: shared.secrets,
      dependsOn: [postgres],
    });

    // The scheduler runs in the Postgres image, which has pg_dump; the auto-scrape job
    // enqueues through the API with the HTTP client that image has.
    const enqueueScrape = props.images.debianBased
      ? ['python3', '-c', `import urllib.request; urllib.request.urlopen(urllib.request.Request('${this.api.url}/jobs/${JOB_QUEUE}', data=b'{"source": "auto"}', headers={'Content-Type': 'application/json'}), timeout=30)`]
      : ['wget', '-q', '-O', '-', '--header', 'Content-Type: application/json', '--post-data', '{"source": "auto"}', `${this.api.url}/jobs/${JOB_QUEUE}`];
    new Scheduler(this, 'scheduler', {
      image: props.images.image('postgres'),
      runner: props.images.debianBased ? CronRunner.DEBIAN_CRON : CronRunner.BUSYBOX_CROND,
      jobs: [{ name: 'auto-scrape', schedule: CronSchedule.everyHours(3), command: enqueueScrape } satisfies CronJob],
      // Daily, so more than a day and two hours without a good dump is a backup that stopped running.
      backup: { database: postgres, schedule: CronSchedule.daily({ hour: 3, minute: 0 }), retention: 7, maxAge: Duration.hours(26) },
      networks: backend,
      dependsOn: [this.api],
      // Its backups volume is local to one node, like the database's.
      ...dataPlacement(props),
    });

    new NginxProxy(this, 'nginx', {
      image: props.images.image('nginx'),
      probeTool: props.images.nginxProbe,
      routes: [{ path: '/', upstream: this.api, upstreamPort: apiPort }],
      httpPort: hostPort(this, props, 'nginx', 80),
      ...proxyTls(this, props, 'nginx', 443),
      networks: [{ network: nets.frontend }],
      ...entryPointPlacement(props),
    });
  }
}

/**
 * The seed's development mode: only Postgres and Redis, published on 127.0.0.1 so an API
 * started on the host (`uvicorn --reload`) reaches them.
 */
export class VibecodingDevStack extends DockerStack {
  constructor(scope: Construct, id: string, props: SeedStackProps) {
    super(scope, id, stackOnly(props));
    const network = new StackNetwork(this, 'dev');
    new Postgres(this, 'postgres', {
      image: props.images.image('postgres'),
      database: DATABASE,
      user: DATABASE_USER,
      password: Secret.fromVariable('vibecoding_postgres_password'),
      hostPort: hostPort(this, props, 'postgres', 5432),
      networks: [{ network }],
    });
    new Redis(this, 'redis', {
      image: props.images.image('redis'),
      hostPort: hostPort(this, props, 'redis', 6379),
      networks: [{ network }],
    });
  }
}
