import { Construct } from 'constructs';
import { AsgiServer, DockerStack, NginxProxy, Port, PythonApi, QueuePriority, QueueWorker, Redis, StackNetworks } from '../constructs';
import { dataPlacement, entryPointPlacement, hostPort, onSwarm, replicasOf, SeedStackProps, stackOnly } from './seed-stack-props';

/**
 * Seed 000 (Nexten): api, cv-parser with its worker, matching-api with three workers by
 * priority. The seed's failures were restart loops and "unhealthy" workers: here restarts are
 * bounded (a crash ends as an exited container with its logs), every worker has a heartbeat
 * health check, and the matching workers are created only once matching-api is healthy.
 *
 * On an engine the api publishes hostPorts "nexten.api" (8000) on 127.0.0.1. On a Swarm target,
 * where a loopback port cannot be had, the api publishes nothing: an nginx proxy, the entry
 * point, runs on every node (global mode) and publishes hostPorts "nexten.nginx" (8000) on every
 * node's address. The api and the workers run `replicas` tasks ("nexten.api",
 * "nexten.cv-parser-worker", "nexten.matching-worker-<priority>"; default 2 on Swarm), and Redis
 * is pinned to the target's `dataNode`.
 */
export class NextenStack extends DockerStack {
  readonly matchingApi: PythonApi;
  readonly matchingWorkers: readonly QueueWorker[];

  constructor(scope: Construct, id: string, props: SeedStackProps) {
    super(scope, id, stackOnly(props));
    const nets = new StackNetworks(this, 'networks');
    const backend = [{ network: nets.backend }];
    const app = props.images.image('app');

    const redis = new Redis(this, 'redis', { image: props.images.image('redis'), networks: backend, ...dataPlacement(props) });
    const redisEnv = { REDIS_URL: redis.url };

    const apiPort = Port.tcp(8000);
    const api = new PythonApi(this, 'api', {
      image: app,
      app: 'app.main:app',
      server: AsgiServer.uvicorn({ workers: 2 }),
      port: apiPort,
      ...(onSwarm(props) ? {} : { hostPort: hostPort(this, props, 'api', 8000) }),
      replicas: replicasOf(this, props, 'api'),
      networks: [{ network: nets.backend }, { network: nets.frontend }],
      environment: { APP_NAME: 'nexten-api', ...redisEnv },
      dependsOn: [redis],
    });
    if (onSwarm(props)) {
      new NginxProxy(this, 'nginx', {
        image: props.images.image('nginx'),
        probeTool: props.images.nginxProbe,
        routes: [{ path: '/', upstream: api, upstreamPort: apiPort }],
        httpPort: hostPort(this, props, 'nginx', 8000),
        networks: [{ network: nets.frontend }],
        ...entryPointPlacement(props),
      });
    }

    const cvParser = new PythonApi(this, 'cv-parser', {
      image: app,
      app: 'app.main:app',
      networks: backend,
      environment: { APP_NAME: 'nexten-cv-parser', ...redisEnv },
      dependsOn: [redis],
    });
    new QueueWorker(this, 'cv-parser-worker', {
      image: app,
      command: ['python3', '-m', 'app.worker'],
      queue: 'cv-parsing',
      replicas: replicasOf(this, props, 'cv-parser-worker'),
      redis,
      networks: backend,
      dependsOn: [cvParser],
    });

    this.matchingApi = new PythonApi(this, 'matching-api', {
      image: app,
      app: 'app.main:app',
      networks: backend,
      environment: { APP_NAME: 'nexten-matching-api', ...redisEnv },
      dependsOn: [redis],
    });
    this.matchingWorkers = (
      [
        ['matching-worker-high', QueuePriority.HIGH, 4],
        ['matching-worker-standard', QueuePriority.STANDARD, 2],
        ['matching-worker-bulk', QueuePriority.BULK, 1],
      ] as const
    ).map(
      ([name, priority, concurrency]) =>
        new QueueWorker(this, name, {
          image: app,
          command: ['python3', '-m', 'app.worker'],
          queue: `matching:${priority.toLowerCase()}`,
          priority,
          concurrency,
          replicas: replicasOf(this, props, name),
          redis,
          networks: backend,
          dependsOn: [this.matchingApi],
        }),
    );
  }
}
