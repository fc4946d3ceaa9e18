// Valid inputs built from the same kit, which must synthesize with no error and no warning: a
// case that fails then fails for its own bad value, not because its baseline is wrong. Also the
// near misses of the clash cases, which must stay accepted once app-wide checks exist.
import { ChromaDb, NginxProxy, Ollama, Port, Postgres, PythonApi, QueueWorker, Redis, Scheduler, CronSchedule } from '../api';
import { Control } from '../case';

export const CONTROLS: readonly Control[] = [
  { name: "the kit's Service", build: (kit) => void kit.service(kit.stack(), 'api') },
  {
    name: 'every kind on one network, each with its defaults',
    build: (kit) => {
      const stack = kit.stack();
      const net = kit.network(stack);
      const networks = [{ network: net }];
      const db = new Postgres(stack, 'db', { networks });
      const redis = new Redis(stack, 'cache', { networks });
      new ChromaDb(stack, 'chroma', { networks });
      new Ollama(stack, 'ollama', { networks });
      const api = new PythonApi(stack, 'api', { image: kit.image(), app: 'app.main:app', networks, secrets: { DATABASE_URL: db.connectionUrl }, dependsOn: [db] });
      new QueueWorker(stack, 'worker', { image: kit.image(), command: ['python3', '-m', 'worker'], queue: 'jobs', redis, networks });
      new Scheduler(stack, 'cron', { networks, backup: { database: db, schedule: CronSchedule.daily({ hour: 3 }), retention: 7 } });
      new NginxProxy(stack, 'proxy', { networks, routes: [{ path: '/', upstream: api }] });
    },
  },
  {
    name: 'two stacks publishing 8080 on different engines',
    build: (kit) => {
      kit.service(kit.stack('one', { dockerHost: 'ssh://deploy@one.example' }), 'web', { ports: [{ containerPort: Port.tcp(8080) }] });
      kit.service(kit.stack('two', { dockerHost: 'ssh://deploy@two.example' }), 'web', { ports: [{ containerPort: Port.tcp(8080) }] });
    },
  },
  {
    name: 'two stacks with the same service ids and their own name prefixes, on one engine',
    build: (kit) => {
      new Postgres(kit.stack('one'), 'db');
      new Postgres(kit.stack('two'), 'db');
    },
  },
  // Issue 7 defect 5's example: Docker's names allow "_", so the derived names are valid.
  { name: "Postgres id 'db_main'", build: (kit) => void new Postgres(kit.stack(), 'db_main') },
  {
    name: 'one host port on two host addresses (127.0.0.1 and 127.0.0.2)',
    build: (kit) => {
      const stack = kit.stack();
      kit.service(stack, 'a', { ports: [{ containerPort: Port.tcp(8080), hostIp: '127.0.0.1' }] });
      kit.service(stack, 'b', { ports: [{ containerPort: Port.tcp(8080), hostIp: '127.0.0.2' }] });
    },
  },
];
