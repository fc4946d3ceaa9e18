// Two things that would claim the same host port or name on one engine: within a stack, and
// across the stacks of one app that target the same engine (issue 7 defect 1).
import { NamedVolume, Port, Postgres, StackNetwork } from '../api';
import { BadInput } from '../case';

const D1 = 'issue 7 defect 1';

function clash(name: string, at: readonly string[], build: BadInput['build'], source?: string): BadInput {
  return { name, class: 'clashes', expected: 'VALIDATION_ERROR', at, source, build };
}

export const CLASH_CASES: readonly BadInput[] = [
  clash('two services publishing host port 8080 in one stack', ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'a', { ports: [{ containerPort: Port.tcp(8080) }] });
    kit.service(stack, 'b', { ports: [{ containerPort: Port.tcp(80), hostPort: Port.tcp(8080) }] });
  }),
  clash('host port 8080 on 0.0.0.0 and on 127.0.0.1 in one stack', ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'a', { public: true, ports: [{ containerPort: Port.tcp(8080) }] });
    kit.service(stack, 'b', { ports: [{ containerPort: Port.tcp(8080) }] });
  }),
  clash('a host port added later with addPort, already published', ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'a', { ports: [{ containerPort: Port.tcp(8080) }] });
    kit.service(stack, 'b').addPort({ containerPort: Port.tcp(8080) });
  }),
  clash("the same containerName 'web' twice in one stack", ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'a', { containerName: 'web' });
    kit.service(stack, 'b', { containerName: 'web' });
  }),
  clash("containerName 'shop-api' equal to another service's derived name", ['shop/api', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'api');
    kit.service(stack, 'b', { containerName: 'shop-api' });
  }),
  clash("containerName 'shop-api-2' equal to a replica's name", ['shop/api', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'api', { replicas: 2 });
    kit.service(stack, 'b', { containerName: 'shop-api-2' });
  }),
  clash("two StackNetworks with networkName 'shared' in one stack", ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    new StackNetwork(stack, 'a', { networkName: 'shared' });
    new StackNetwork(stack, 'b', { networkName: 'shared' });
  }),
  clash('two Postgres on one data volume', ['shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    const data = new NamedVolume(stack, 'pgdata');
    new Postgres(stack, 'a', { dataVolume: data });
    new Postgres(stack, 'b', { dataVolume: data });
  }),
  clash(
    "two stacks with namePrefix 'shop', each with Postgres 'db' (container shop-db, volume shop-db-data)",
    ['one/db', 'two/db', 'one', 'two'],
    (kit) => {
      new Postgres(kit.stack('one', { namePrefix: 'shop' }), 'db');
      new Postgres(kit.stack('two', { namePrefix: 'shop' }), 'db');
    },
    D1,
  ),
  clash(
    "two stacks with namePrefix 'shop', each with StackNetwork 'net' (network shop-net)",
    ['one/net', 'two/net', 'one', 'two'],
    (kit) => {
      new StackNetwork(kit.stack('one', { namePrefix: 'shop' }), 'net');
      new StackNetwork(kit.stack('two', { namePrefix: 'shop' }), 'net');
    },
    D1,
  ),
  clash(
    'two stacks publishing 127.0.0.1:8000 on the same engine',
    ['arkalia/api', 'nexten/api', 'arkalia', 'nexten'],
    (kit) => {
      kit.service(kit.stack('arkalia'), 'api', { ports: [{ containerPort: Port.tcp(8000) }] });
      kit.service(kit.stack('nexten'), 'api', { ports: [{ containerPort: Port.tcp(8000) }] });
    },
    D1,
  ),
  clash(
    "two stacks on dockerHost 'unix:///var/run/docker.sock' publishing 8080, one on 0.0.0.0",
    ['one/web', 'two/web', 'one', 'two'],
    (kit) => {
      const dockerHost = 'unix:///var/run/docker.sock';
      kit.service(kit.stack('one', { dockerHost }), 'web', { public: true, ports: [{ containerPort: Port.tcp(8080) }] });
      kit.service(kit.stack('two', { dockerHost }), 'web', { ports: [{ containerPort: Port.tcp(8080) }] });
    },
    D1,
  ),
  clash(
    "the same containerName 'web' in two stacks",
    ['one/a', 'two/b', 'one', 'two'],
    (kit) => {
      kit.service(kit.stack('one'), 'a', { containerName: 'web' });
      kit.service(kit.stack('two'), 'b', { containerName: 'web' });
    },
    D1,
  ),
  clash(
    "the same volumeName 'uploads' written by services of two stacks",
    ['one/a', 'two/b', 'one/uploads', 'two/uploads', 'one', 'two'],
    (kit) => {
      const one = kit.stack('one');
      const two = kit.stack('two');
      kit.service(one, 'a').mountVolume(new NamedVolume(one, 'uploads', { volumeName: 'uploads' }), '/uploads');
      kit.service(two, 'b').mountVolume(new NamedVolume(two, 'uploads', { volumeName: 'uploads' }), '/uploads');
    },
    D1,
  ),
];
