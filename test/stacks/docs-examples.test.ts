// The examples on the pages in docs/constructs/, gathered in one stack: they compile and pass validation.
import { App } from 'cdktf';
import {
  AsgiServer, ChromaDb, ContainerImage, CronSchedule, Cpu, DockerStack, Duration, GeneratedSecret, HealthCheck, LogRotation, NamedVolume, NginxProxy, Ollama, Port, Postgres,
  ProbeTool, PythonApi, QueuePriority, QueueWorker, Redis, RedisPersistence, RestartPolicy, Scheduler, Secret, Service, Size, StackNetwork, StackNetworks, Capability,
  UpdateOrder,
} from '../../constructs';
import { validationMessages } from '../support/synth';

test('the docs/constructs examples compile and the stack passes every rule', () => {
  const app = new App();
  const stack = new DockerStack(app, 'shop');
  const nets = new StackNetworks(stack, 'networks');
  const cache = new NamedVolume(stack, 'cache');
  const edge = new StackNetwork(stack, 'edge');
  const logs = LogRotation.jsonFile({ maxSize: Size.mebibytes(20), maxFiles: 5 });
  void edge; void logs; void RestartPolicy.onFailure(10); void Capability.CHOWN; void Duration.parse('1m30s'); void Size.parse('512m'); void ProbeTool.BASH;

  // service
  const web = new Service(stack, 'web', {
    image: ContainerImage.fromRegistry('example/web:1.4.2'),
    healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(3000) }),
    command: ['node', 'server.js'],
    environment: { NODE_ENV: 'production' },
    secrets: { API_KEY: Secret.fromVariable('shop_api_key') },
    ports: [{ containerPort: Port.tcp(3000), hostPort: Port.tcp(3000) }],
    networks: [{ network: nets.frontend }, { network: nets.backend }],
    volumes: [{ volume: cache, target: '/var/cache/web' }],
    cpuLimit: Cpu.cores(0.5),
    memoryLimit: Size.mebibytes(256),
    restartPolicy: RestartPolicy.onFailure(10),
  });

  // postgres
  const db = new Postgres(stack, 'postgres', {
    database: 'shop',
    user: 'shop',
    password: Secret.fromVariable('shop_postgres_password'),
    settings: { sharedBuffers: Size.mebibytes(256), maxConnections: 200 },
    networks: [{ network: nets.backend }],
  });
  // secrets
  const reports = new Service(stack, 'reports', {
    image: ContainerImage.fromRegistry('example/reports:1.0.0'),
    healthCheck: HealthCheck.httpGet('/health', { port: Port.tcp(8000) }),
    secrets: { API_KEY: Secret.fromVariable('shop_reports_api_key') }, // TF_VAR_shop_reports_api_key
  });
  reports.addSecret('SESSION_KEY', new GeneratedSecret(reports, 'session-key', { length: 48 }).secret);
  // redis
  const redis = new Redis(stack, 'redis', {
    persistence: RedisPersistence.APPEND_ONLY,
    memoryLimit: Size.mebibytes(512),
    networks: [{ network: nets.backend }],
  });
  // python-api
  const api = new PythonApi(stack, 'api', {
    image: ContainerImage.fromRegistry('example/shop-api:2.0.0'),
    app: 'app.main:app',
    server: AsgiServer.gunicorn({ workers: 4 }),
    hostPort: Port.tcp(8000),
    networks: [{ network: nets.backend }, { network: nets.frontend }],
    environment: { REDIS_URL: redis.url },
    secrets: { DATABASE_URL: db.connectionUrl },
    dependsOn: [db, redis],
  });
  // queue-worker
  new QueueWorker(stack, 'worker', {
    image: ContainerImage.fromRegistry('example/shop-api:2.0.0'),
    command: ['python3', '-m', 'app.worker'],
    queue: 'orders',
    priority: QueuePriority.HIGH,
    concurrency: 4,
    replicas: 2,
    redis,
    networks: [{ network: nets.backend }],
    secrets: { DATABASE_URL: db.connectionUrl },
    dependsOn: [db],
  });
  // scheduler
  new Scheduler(stack, 'scheduler', {
    jobs: [{ name: 'cleanup', schedule: CronSchedule.everyHours(3), command: ['wget', '-q', '-O', '-', `${api.url}/jobs/cleanup`] }],
    backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 },
    networks: [{ network: nets.backend }, { network: nets.frontend }],
    dependsOn: [api],
  });
  // nginx
  new NginxProxy(stack, 'nginx', {
    routes: [{ path: '/', upstream: web, upstreamPort: Port.tcp(3000) }, { path: '/api/', upstream: api, stripPrefix: true }],
    httpPort: Port.tcp(80),
    networks: [{ network: nets.frontend }],
  });
  // service: update order
  const search = new PythonApi(stack, 'search', {
    image: ContainerImage.fromRegistry('example/search:3.1.0'),
    app: 'search.main:app',
    updateOrder: UpdateOrder.START_FIRST,
    networks: [{ network: nets.frontend }],
  });
  new NginxProxy(stack, 'gateway', {
    routes: [{ path: '/', upstream: search }],
    httpPort: Port.tcp(8081),
    listeners: [{ hostPort: Port.tcp(8082), routes: [{ path: '/', upstream: search }] }],
    connectTimeout: Duration.seconds(1),
    public: false,
    networks: [{ network: nets.frontend }],
  });
  // chroma
  const chroma = new ChromaDb(stack, 'chromadb', { networks: [{ network: nets.backend }] });
  // ollama
  const ollama = new Ollama(stack, 'ollama', { keepAlive: Duration.minutes(30), maxLoadedModels: 2, networks: [{ network: nets.backend }] });
  void chroma.url; void ollama.url;
  expect(validationMessages(stack)).toEqual([]);
});
