// Construct ids that make bad derived names (container, DNS, network, volume, prefix): spaces,
// `_` or `-` where a name cannot have them, too long, uppercase that collides once lowercased.
// Issue 7 defect 5: validated like the same names given explicitly, with the path and a fix.
import { DockerStack, NamedVolume, Postgres, Redis, StackNetwork } from '../api';
import { BadInput } from '../case';

const D5 = 'issue 7 defect 5';

function id(name: string, at: string | readonly string[], build: BadInput['build'], source?: string): BadInput {
  return { name, class: 'ids', expected: 'VALIDATION_ERROR', at, source, build };
}

export const ID_CASES: readonly BadInput[] = [
  id("Service id 'my api' (a space)", 'shop/my api', (kit) => void kit.service(kit.stack(), 'my api'), D5),
  id("Service id '_api' (leading _)", 'shop/_api', (kit) => void kit.service(kit.stack(), '_api')),
  id("Service id 'api-' (trailing -)", 'shop/api-', (kit) => void kit.service(kit.stack(), 'api-')),
  id("Service id 'my.api' (a dot in a DNS label)", 'shop/my.api', (kit) => void kit.service(kit.stack(), 'my.api')),
  id("Service id 'café'", 'shop/café', (kit) => void kit.service(kit.stack(), 'café')),
  id("Service id ''", ['shop/', 'shop'], (kit) => void kit.service(kit.stack(), '')),
  id('Service id of 64 letters', `shop/${'a'.repeat(64)}`, (kit) => void kit.service(kit.stack(), 'a'.repeat(64))),
  id('Service id of 60 letters (container name shop-<id> over 63)', `shop/${'a'.repeat(60)}`, (kit) => void kit.service(kit.stack(), 'a'.repeat(60))),
  id("Service ids 'API' and 'api' in one stack (one container name)", ['shop/API', 'shop/api'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'API');
    kit.service(stack, 'api');
  }),
  id("Postgres id 'my db'", 'shop/my db', (kit) => void new Postgres(kit.stack(), 'my db'), D5),
  id("Redis ids 'Cache' and 'cache' in one stack", ['shop/Cache', 'shop/cache'], (kit) => {
    const stack = kit.stack();
    new Redis(stack, 'Cache');
    new Redis(stack, 'cache');
  }),
  id("StackNetwork id 'front end'", 'shop/front end', (kit) => void new StackNetwork(kit.stack(), 'front end'), D5),
  id('StackNetwork id of 64 letters', `shop/${'n'.repeat(64)}`, (kit) => void new StackNetwork(kit.stack(), 'n'.repeat(64))),
  id("StackNetwork ids 'Net' and 'net' in one stack (one network name)", ['shop/Net', 'shop/net'], (kit) => {
    const stack = kit.stack();
    new StackNetwork(stack, 'Net');
    new StackNetwork(stack, 'net');
  }),
  id("StackNetwork id 'backend' at the stack root (cdktf reserves it)", 'shop/backend', (kit) => void new StackNetwork(kit.stack(), 'backend')),
  id("NamedVolume id 'my data'", 'shop/my data', (kit) => void new NamedVolume(kit.stack(), 'my data'), D5),
  id('NamedVolume id of 130 letters', `shop/${'v'.repeat(130)}`, (kit) => void new NamedVolume(kit.stack(), 'v'.repeat(130))),
  id("NamedVolume ids 'Data' and 'data' mounted by two services", ['shop/Data', 'shop/data', 'shop/a', 'shop/b'], (kit) => {
    const stack = kit.stack();
    kit.service(stack, 'a').mountVolume(new NamedVolume(stack, 'Data'), '/data');
    kit.service(stack, 'b').mountVolume(new NamedVolume(stack, 'data'), '/data');
  }),
  id("DockerStack id '1shop' (no name prefix)", '1shop', (kit) => void new DockerStack(kit.app, '1shop')),
  id('DockerStack id of 41 letters', 's'.repeat(41), (kit) => void new DockerStack(kit.app, 's'.repeat(41))),
  id("DockerStack ids 'Shop' and 'shop' (one name prefix)", ['Shop', 'shop', 'Shop/api', 'shop/api'], (kit) => {
    kit.service(new DockerStack(kit.app, 'Shop'), 'api');
    kit.service(new DockerStack(kit.app, 'shop'), 'api');
  }),
];
