import { identityAt, placesByIdentity, volumeTarget } from '../../../constructs/compose-import/list-identity';

describe('volumeTarget', () => {
  test.each([['/data', '/data'], ['vol:/data', '/data'], ['./src:/app:ro', '/app']])('reads the target of %p as %p', (text, target) => {
    expect(volumeTarget(text)).toBe(target);
  });
});

describe('placesByIdentity', () => {
  test.each<[string[], number[]]>([
    [[], []],
    [['a', 'b', 'c'], [0, 1, 2]],
    [['a', 'b', 'a'], [0, 1, 0]],
    [['a', 'a', 'b', 'a', 'c'], [0, 0, 1, 0, 2]],
  ])('places %p at %p: a repeated identity in its first place, a new one after the last', (identities, places) => {
    expect(placesByIdentity(identities)).toEqual(places);
  });
});

describe('identityAt', () => {
  const service = (...keys: string[]): string[] => ['services', 'api', ...keys];
  const identify = (keyPath: string[], item: unknown): string | undefined => {
    const identity = identityAt(keyPath);
    if (!identity) throw new Error(`no identity at ${keyPath.join('.')}`);
    return identity(item);
  };

  test.each<[string[], unknown, string | undefined]>([
    // KEY=value lists, by key; a bare word by itself; anything but text is not an item they hold
    [service('environment'), 'MODE=a=b', 'MODE'],
    [service('environment'), 'MODE', 'MODE'],
    [service('environment'), 5, undefined],
    [service('labels'), 'team=ops', 'team'],
    [service('cap_add'), 'NET_ADMIN', 'NET_ADMIN'],
    [service('networks', 'front', 'aliases'), 'web', 'web'],
    [['networks', 'front', 'labels'], 'tier=edge', 'tier'],
    // volumes and devices, by target
    [service('volumes'), 'data:/data:ro', '/data'],
    [service('volumes'), '/cache', '/cache'],
    [service('volumes'), { type: 'volume', source: 'data', target: '/data' }, '/data'],
    [service('volumes'), { type: 'volume', source: 'data', target: 5 }, undefined],
    [service('volumes'), null, undefined],
    [service('devices'), '/dev/a:/dev/b', '/dev/b'],
    // secrets and configs, by target, else the default directory and the source
    [service('secrets'), 'token', '/run/secrets/token'],
    [service('secrets'), { source: 'key', target: '/k' }, '/k'],
    [service('secrets'), { source: 'key' }, '/run/secrets/key'],
    [service('secrets'), { source: 'key', target: 5 }, undefined],
    [service('secrets'), { source: 5 }, undefined],
    [service('secrets'), null, undefined],
    [service('secrets'), 5, undefined],
    [service('configs'), 'site', '/site'],
    [service('configs'), { source: 'site' }, '/site'],
    // ports: the short form by its text, the long form by address, published port, target and protocol
    [service('ports'), '127.0.0.1:8080:80', '127.0.0.1:8080:80'],
    [service('ports'), 80, '80'],
    [service('ports'), { target: 80, published: '8080' }, '0.0.0.0:8080:80/tcp'],
    [service('ports'), { target: 53, published: 53, host_ip: '127.0.0.1', protocol: 'udp', mode: 'host' }, '127.0.0.1:53:53/udp'],
    [service('ports'), { published: '8080' }, undefined],
    [service('ports'), null, undefined],
    // expose: 80 and "80" are one
    [service('expose'), 80, '80'],
    [service('expose'), '80', '80'],
    [service('expose'), { port: 80 }, undefined],
    // env files, by path
    [service('env_file'), 'a.env', 'a.env'],
    [service('env_file'), { path: 'a.env', required: false }, 'a.env'],
    [service('env_file'), { required: false }, undefined],
    [service('env_file'), { path: 5 }, undefined],
    [service('env_file'), null, undefined],
  ])('at %p identifies %p as %p', (keyPath, item, identity) => {
    expect(identify(keyPath, item)).toBe(identity);
  });

  test.each([
    [service('security_opt')],
    [service('extra_hosts')],
    [service('depends_on')],
    [service('command')],
    [['x-services', 'api', 'environment']],
    [service('build', 'args', 'X')],
    [['volumes']],
  ])('at %p there is none: compose keeps every item, the schema refuses repeated ones', (keyPath) => {
    expect(identityAt(keyPath)).toBeUndefined();
  });
});
