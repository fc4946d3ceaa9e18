// Services wired to each other in ways that cannot work: ordering without a shared network,
// cycles, waiting on a service without a health check, references across stacks, ports on an
// internal network, memory reservations above the limit (issue 7 defects 2 and 7).
import { GeneratedSecret, HealthCheck, NginxProxy, Port, Postgres, PythonApi, QueueWorker, Redis, Size, StackNetwork } from '../api';
import { BadInput } from '../case';

const D2 = 'issue 7 defect 2';
const D7 = 'issue 7 defect 7';

function wiring(name: string, at: string | readonly string[], build: BadInput['build'], extra: Partial<BadInput> = {}): BadInput {
  return { name, class: 'wiring', expected: 'VALIDATION_ERROR', at, build, ...extra };
}

export const WIRING_CASES: readonly BadInput[] = [
  wiring('dependsOn a service on another network (no shared network)', 'shop/api', (kit) => {
    const stack = kit.stack();
    const db = new Postgres(stack, 'db', { networks: [{ network: kit.network(stack, 'data') }] });
    kit.service(stack, 'api', { networks: [{ network: kit.network(stack, 'web') }], dependsOn: [db] });
  }, { source: D7 }),
  wiring('secrets DATABASE_URL: db.connectionUrl without a shared network', 'shop/api', (kit) => {
    const stack = kit.stack();
    const db = new Postgres(stack, 'db', { networks: [{ network: kit.network(stack, 'data') }] });
    kit.service(stack, 'api', { secrets: { DATABASE_URL: db.connectionUrl } });
  }, { source: D7 }),
  wiring('QueueWorker with redis on no shared network', 'shop/worker', (kit) => {
    const stack = kit.stack();
    const redis = new Redis(stack, 'cache', { networks: [{ network: kit.network(stack, 'data') }] });
    new QueueWorker(stack, 'worker', { image: kit.image(), command: ['python3', '-m', 'worker'], queue: 'jobs', redis });
  }),
  wiring("environment REDIS_HOST 'cache' without a shared network", 'shop/api', (kit) => {
    const stack = kit.stack();
    new Redis(stack, 'cache', { networks: [{ network: kit.network(stack, 'data') }] });
    kit.service(stack, 'api', { environment: { REDIS_HOST: 'cache' } });
  }),
  wiring('dependsOn cycle a -> b -> a', ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    const net = kit.network(stack);
    const a = kit.service(stack, 'a', { networks: [{ network: net }] });
    const b = kit.service(stack, 'b', { networks: [{ network: net }], dependsOn: [a] });
    a.addDependency(b);
  }),
  wiring('dependsOn cycle a -> b -> c -> a', ['shop/a', 'shop/b', 'shop/c'], (kit) => {
    const stack = kit.stack();
    const net = kit.network(stack);
    const a = kit.service(stack, 'a', { networks: [{ network: net }] });
    const b = kit.service(stack, 'b', { networks: [{ network: net }], dependsOn: [a] });
    const c = kit.service(stack, 'c', { networks: [{ network: net }], dependsOn: [b] });
    a.addDependency(c);
  }),
  wiring('addDependency on itself', 'shop/a', (kit) => {
    const a = kit.service(kit.stack(), 'a');
    a.addDependency(a);
  }),
  wiring('dependsOn a service with HealthCheck.none()', 'shop/api', (kit) => {
    const stack = kit.stack();
    const net = kit.network(stack);
    const job = kit.service(stack, 'job', { healthCheck: HealthCheck.none(), networks: [{ network: net }] });
    kit.service(stack, 'api', { networks: [{ network: net }], dependsOn: [job] });
  }),
  wiring('dependsOn a service in another stack', ['two/api', 'one/db'], (kit) => {
    const db = new Postgres(kit.stack('one'), 'db');
    kit.service(kit.stack('two'), 'api', { dependsOn: [db] });
  }, { source: D2 }),
  wiring("db.connectionUrl of stack one used in stack two", ['two/api', 'one/db'], (kit) => {
    const db = new Postgres(kit.stack('one'), 'db');
    kit.service(kit.stack('two'), 'api', { secrets: { DATABASE_URL: db.connectionUrl } });
  }, { source: D2 }),
  wiring("a GeneratedSecret of stack one used in stack two", ['two/api', 'one/token'], (kit) => {
    const token = new GeneratedSecret(kit.stack('one'), 'token');
    kit.service(kit.stack('two'), 'api', { secrets: { API_TOKEN: token.secret } });
  }, { source: D2, requires: ['GeneratedSecret'] }),
  wiring('a port published by a service only on an internal network', 'shop/api', (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'api', { networks: [{ network: new StackNetwork(stack, 'private', { internal: true }) }], ports: [{ containerPort: Port.tcp(8080) }] });
  }),
  wiring('NginxProxy routing to an upstream on no shared network', 'shop/proxy', (kit) => {
    const stack = kit.stack();
    const api = new PythonApi(stack, 'api', { image: kit.image(), app: 'app.main:app', networks: [{ network: kit.network(stack, 'back') }] });
    new NginxProxy(stack, 'proxy', { networks: [{ network: kit.network(stack, 'front') }], routes: [{ path: '/', upstream: api }] });
  }),
  wiring('memoryReservation 1 GiB above memoryLimit 512 MiB', 'shop/api', (kit) => void kit.service(kit.stack(), 'api', { memoryLimit: Size.mebibytes(512), memoryReservation: Size.gibibytes(1) }), { source: D7 }),
  wiring('memoryReservation 1 GiB above the default memoryLimit', 'shop/api', (kit) => void kit.service(kit.stack(), 'api', { memoryReservation: Size.gibibytes(1) }), { source: D7 }),
  wiring('Redis memoryReservation 300 MiB above its 256 MiB default', 'shop/cache', (kit) => void new Redis(kit.stack(), 'cache', { memoryReservation: Size.mebibytes(300) })),
];
