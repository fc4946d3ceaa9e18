import { listToMap, mergeValues, normalizeService } from '../../../constructs/compose-import/merge';

describe('listToMap', () => {
  test('makes KEY=value items a mapping: a bare KEY maps to null, only the first "=" splits', () => {
    expect(listToMap(['A=1', 'B', 'C=x=y', 'EMPTY=', 5])).toEqual({ A: '1', B: null, C: 'x=y', EMPTY: '', 5: null });
    // An item that starts with "=" has the empty key, as docker compose config 2.26.1 reads it
    expect(listToMap(['=x'])).toEqual({ '': 'x' });
  });

  test('leaves a mapping as it is', () => {
    const map = { A: '1' };
    expect(listToMap(map)).toBe(map);
  });
});

describe('normalizeService', () => {
  test('makes the list forms mappings, a string env_file a list and a string build a context', () => {
    expect(normalizeService({
      image: 'x',
      environment: ['A=1', 'B'],
      labels: ['team=payments'],
      depends_on: ['db', 'cache'],
      networks: ['front'],
      env_file: 'app.env',
      build: '.',
    })).toEqual({
      image: 'x',
      environment: { A: '1', B: null },
      labels: { team: 'payments' },
      depends_on: { db: { condition: 'service_started', required: true }, cache: { condition: 'service_started', required: true } },
      networks: { front: null },
      env_file: ['app.env'],
      build: { context: '.' },
    });
  });

  test('makes a build\'s list of args a mapping, and leaves the mapping forms as they are', () => {
    const service = { environment: { A: '1' }, labels: { l: 'v' }, depends_on: { db: { condition: 'service_healthy' } }, networks: { front: { aliases: ['web'] } }, env_file: ['a.env'], build: { context: '.', args: { V: '1' } } };
    expect(normalizeService(service)).toEqual(service);
    expect(normalizeService({ build: { context: '.', args: ['V=1', 'BARE'] } })).toEqual({ build: { context: '.', args: { V: '1', BARE: null } } });
  });

  test('adds no key the service does not have (a later file\'s missing key must not look set when merged)', () => {
    expect(Object.keys(normalizeService({ image: 'x' }))).toEqual(['image']);
  });
});

describe('mergeValues', () => {
  const at = (...keyPath: string[]) => keyPath;

  test('keeps the base when the override has nothing, and takes the override for scalars and mismatched types', () => {
    expect(mergeValues('a', undefined)).toBe('a');
    expect(mergeValues('a', 'b')).toBe('b');
    expect(mergeValues(['a'], 'b')).toBe('b');
    expect(mergeValues({ a: 1 }, ['b'])).toEqual(['b']);
  });

  test('merges mappings key by key, deeply', () => {
    expect(mergeValues({ a: 1, b: { c: 1, d: 2 } }, { b: { d: 3, e: 4 }, f: 5 })).toEqual({ a: 1, b: { c: 1, d: 3, e: 4 }, f: 5 });
  });

  test.each([
    ['command', at('services', 'web', 'command')],
    ['entrypoint', at('services', 'web', 'entrypoint')],
    ['healthcheck.test', at('services', 'web', 'healthcheck', 'test')],
    ['profiles', at('services', 'web', 'profiles')],
  ])('replaces %s whole', (_what, keyPath) => {
    expect(mergeValues(['a', 'b'], ['c'], keyPath)).toEqual(['c']);
  });

  test('replaces extends whole, a mapping too', () => {
    expect(mergeValues({ service: 'base', file: 'a.yaml' }, { service: 'other' }, at('services', 'web', 'extends'))).toEqual({ service: 'other' });
  });

  test('appends a list named "test" elsewhere than a service\'s health check', () => {
    expect(mergeValues(['a'], ['b'], at('x-tools', 'test'))).toEqual(['a', 'b']);
    expect(mergeValues(['a'], ['b'], at('services', 'test'))).toEqual(['a', 'b']);
    expect(mergeValues(['a'], ['b'], at('x-services', 'web', 'healthcheck', 'test'))).toEqual(['a', 'b']);
  });

  test('given whole documents, then a service\'s health check test is replaced, its other lists appended', () => {
    const base = { services: { web: { healthcheck: { test: ['CMD', 'a'] }, dns: ['1.1.1.1'] } } };
    const override = { services: { web: { healthcheck: { test: ['CMD', 'b'] }, dns: ['9.9.9.9'] } } };
    expect(mergeValues(base, override)).toEqual({ services: { web: { healthcheck: { test: ['CMD', 'b'] }, dns: ['1.1.1.1', '9.9.9.9'] } } });
  });

  test('merges volumes by target, short and long forms alike: the later one wins in place', () => {
    expect(mergeValues(['a:/data', '/cache'], [{ type: 'volume', source: 'b', target: '/data' }, 'c:/logs'], at('services', 'web', 'volumes'))).toEqual([
      { type: 'volume', source: 'b', target: '/data' },
      '/cache',
      'c:/logs',
    ]);
  });

  test('merges secrets and configs by target, a short form or one without target by the default path of its source, as compose does', () => {
    expect(mergeValues(
      ['token', { source: 'key', target: '/k' }, 'relative'],
      [{ source: 'other', target: '/run/secrets/token' }, { source: 'other', target: '/k' }, { source: 'x', target: 'relative' }, { source: 'key', mode: 0o400 }],
      at('services', 'web', 'secrets'),
    )).toEqual([
      { source: 'other', target: '/run/secrets/token' },
      { source: 'other', target: '/k' },
      'relative',
      { source: 'x', target: 'relative' },
      { source: 'key', mode: 0o400 },
    ]);
    expect(mergeValues(['nginx.conf', { source: 'site' }], [{ source: 'nginx.conf', target: '/nginx.conf' }, 'site', 'extra.conf'], at('services', 'web', 'configs'))).toEqual([
      { source: 'nginx.conf', target: '/nginx.conf' },
      'site',
      'extra.conf',
    ]);
  });

  test('merges env files by path, ports by address, port and protocol, exposed ports by their text, and appends other lists without duplicates', () => {
    expect(mergeValues(['a.env', { path: 'b.env' }], [{ path: 'a.env', required: false }], at('services', 'web', 'env_file'))).toEqual([{ path: 'a.env', required: false }, { path: 'b.env' }]);
    expect(mergeValues(['8080:80', { target: 81 }], ['8080:80', { target: 81, published: 9000 }], at('services', 'web', 'ports'))).toEqual(['8080:80', { target: 81 }, { target: 81, published: 9000 }]);
    // Two long forms that differ only in mode are one port: the later one, in the earlier one's place (compose-go's portIndexer)
    expect(mergeValues([{ target: 443, published: '8443', mode: 'ingress' }, '9000:90'], [{ target: 443, published: '8443', mode: 'host' }], at('services', 'web', 'ports'))).toEqual([{ target: 443, published: '8443', mode: 'host' }, '9000:90']);
    expect(mergeValues([80, '81'], ['80', 81, 82], at('services', 'web', 'expose'))).toEqual(['80', 81, 82]);
    expect(mergeValues(['1.1.1.1', '8.8.8.8'], ['8.8.8.8', '9.9.9.9'], at('services', 'web', 'dns'))).toEqual(['1.1.1.1', '8.8.8.8', '9.9.9.9']);
    expect(mergeValues(['seccomp:a', 'label:b'], ['label:b', 'seccomp:c'], at('services', 'web', 'security_opt'))).toEqual(['seccomp:a', 'label:b', 'seccomp:c']);
  });

  test('merges an item a list cannot identify by its whole value, beside the ones it can', () => {
    expect(mergeValues([{ target: 5 }, 'a:/data'], [{ target: 5 }, { target: '/data', source: 'b' }], at('services', 'web', 'volumes'))).toEqual([{ target: 5 }, { target: '/data', source: 'b' }]);
  });
});
