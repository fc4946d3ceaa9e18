import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCompose } from '../../../constructs/compose-import/loader';
import { LocationIndex } from '../../../constructs/compose-import/source-location';
import { withUniqueItems } from '../../../constructs/compose-import/unique-items';
import { problemsOf } from '../../support/factory-error';

/** `list` as the value of `key` of service `api`, made unique. */
function uniqueIn(key: string, list: unknown[]): unknown {
  const document = withUniqueItems({ services: { api: { [key]: list } } }, new LocationIndex()) as { services: { api: Record<string, unknown> } };
  return document.services.api[key];
}

describe('withUniqueItems', () => {
  it.each([
    ['cap_add', ['NET_ADMIN', 'CHOWN', 'NET_ADMIN'], ['NET_ADMIN', 'CHOWN']],
    ['cap_drop', ['ALL', 'ALL'], ['ALL']],
    ['dns', ['1.1.1.1', '1.1.1.1'], ['1.1.1.1']],
    ['dns_opt', ['ndots:2', 'ndots:2'], ['ndots:2']],
    ['dns_search', ['a.example', 'a.example'], ['a.example']],
    ['environment', ['MODE=first', 'LEVEL=info', 'MODE=second'], ['MODE=second', 'LEVEL=info']],
    ['environment', ['BARE', 'BARE=set'], ['BARE=set']],
    ['environment', ['URL=a=b', 'URL=c=d'], ['URL=c=d']],
    ['labels', ['team=a', 'team=b'], ['team=b']],
    ['annotations', ['a=1', 'a=2'], ['a=2']],
    ['links', ['db', 'db'], ['db']],
    ['profiles', ['ops', 'ops'], ['ops']],
    ['sysctls', ['net.core.somaxconn=1024', 'net.core.somaxconn=2048'], ['net.core.somaxconn=2048']],
    ['tmpfs', ['/run', '/tmp', '/run'], ['/run', '/tmp']],
    ['expose', ['80', 80, 81], [80, 81]],
    ['env_file', ['a.env', { path: 'a.env', required: false }, 'b.env'], [{ path: 'a.env', required: false }, 'b.env']],
    ['volumes', ['data:/data', 'other:/data', '/cache'], ['other:/data', '/cache']],
    ['volumes', ['data:/data', { type: 'volume', source: 'other', target: '/data' }], [{ type: 'volume', source: 'other', target: '/data' }]],
    ['devices', ['/dev/a:/dev/x', '/dev/b:/dev/x:r', '/dev/c'], ['/dev/b:/dev/x:r', '/dev/c']],
    ['ports', ['127.0.0.1:8080:80', '127.0.0.1:8080:80', '8080:80'], ['127.0.0.1:8080:80', '8080:80']],
    ['ports', [80, 80, '80'], ['80']],
    ['ports', [{ target: 80, published: 8080 }, { target: 80, published: 8080, host_ip: '0.0.0.0', protocol: 'tcp' }], [{ target: 80, published: 8080, host_ip: '0.0.0.0', protocol: 'tcp' }]],
    ['ports', [{ target: 80, published: 8080 }, { target: 80, published: 8080, protocol: 'udp' }, { target: 80, published: 8080, host_ip: '127.0.0.1' }], [{ target: 80, published: 8080 }, { target: 80, published: 8080, protocol: 'udp' }, { target: 80, published: 8080, host_ip: '127.0.0.1' }]],
    ['secrets', ['token', { source: 'token' }, { source: 'other', target: '/run/secrets/token' }], [{ source: 'other', target: '/run/secrets/token' }]],
    ['secrets', ['token', { source: 'token', target: 'elsewhere' }], ['token', { source: 'token', target: 'elsewhere' }]],
    ['configs', ['app', { source: 'app' }, { source: 'app', target: '/app' }], [{ source: 'app', target: '/app' }]],
  ])('%s %j keeps %j', (key, list, expected) => {
    expect(uniqueIn(key, list)).toEqual(expected);
  });

  it.each([
    // compose keeps these lists as written, so the schema refuses a repeated item (compose does too)
    ['extra_hosts', ['db:10.0.0.2', 'db:10.0.0.2']],
    ['group_add', ['audio', 'audio']],
    ['security_opt', ['no-new-privileges:true', 'no-new-privileges:true']],
    ['volumes_from', ['db', 'db']],
    ['depends_on', ['db', 'db']],
    ['command', ['a', 'a']],
    // an item of a type the list's identity cannot read leaves the list for the schema to report
    ['cap_add', ['NET_ADMIN', 'NET_ADMIN', 5]],
    ['volumes', ['data:/data', 'data:/data', { type: 'volume', source: 'data' }]],
    ['ports', ['80', '80', { published: 8080 }]],
    ['secrets', ['token', 'token', 7]],
    ['secrets', ['token', 'token', { source: 5 }]],
    ['secrets', ['token', 'token', { target: 5 }]],
    ['env_file', ['a.env', 'a.env', { required: false }]],
    ['expose', ['80', '80', true]],
  ])('leaves %s %j as it is', (key, list) => {
    expect(uniqueIn(key, list)).toEqual(list);
  });

  it.each([
    [{ networks: { front: { labels: ['a=1', 'a=2'] } } }, { networks: { front: { labels: ['a=2'] } } }],
    [{ services: { api: { networks: { front: { aliases: ['api', 'api'], link_local_ips: ['169.254.0.2', '169.254.0.2'] } } } } }, { services: { api: { networks: { front: { aliases: ['api'], link_local_ips: ['169.254.0.2'] } } } } }],
    [{ services: { api: { build: { args: ['V=1', 'V=2'], tags: ['a:1', 'a:1'], labels: ['l=1', 'l=2'], additional_contexts: ['c=./a', 'c=./b'] } } } }, { services: { api: { build: { args: ['V=2'], tags: ['a:1'], labels: ['l=2'], additional_contexts: ['c=./b'] } } } }],
    [{ services: { api: { deploy: { labels: ['a=1', 'a=2'] } } } }, { services: { api: { deploy: { labels: ['a=2'] } } } }],
    // the same key at another place is a list of its own kind
    [{ 'x-defaults': { cap_add: ['A', 'A'] }, services: { api: { build: { cap_add: ['A', 'A'] } } } }, { 'x-defaults': { cap_add: ['A', 'A'] }, services: { api: { build: { cap_add: ['A', 'A'] } } } }],
    [{ services: [{ cap_add: ['A', 'A'] }] }, { services: [{ cap_add: ['A', 'A'] }] }],
  ])('makes the lists of %j unique where compose does', (document, expected) => {
    expect(withUniqueItems(document, new LocationIndex())).toEqual(expected);
  });

  it('leaves the document it is given as it was', () => {
    const document = { services: { api: { cap_add: ['A', 'A'] } } };
    withUniqueItems(document, new LocationIndex());
    expect(document).toEqual({ services: { api: { cap_add: ['A', 'A'] } } });
  });

  it('moves the locations of an item that takes an earlier place, with its keys', () => {
    // Given a list whose third item takes the first one's place and whose fourth moves to the second
    const locations = new LocationIndex();
    const at = (line: number) => ({ file: 'compose.yaml', line });
    locations.set(['services', 'api', 'volumes'], at(3));
    [4, 5, 6, 7].forEach((line, i) => locations.set(['services', 'api', 'volumes', i], at(line)));
    locations.set(['services', 'api', 'volumes', 3, 'target'], at(8));
    // When it is made unique
    const document = withUniqueItems({ services: { api: { volumes: ['a:/data', 'b:/data', 'c:/data', { target: '/other' }] } } }, locations);
    // Then each place has the location of the item it now holds
    expect(document).toEqual({ services: { api: { volumes: ['c:/data', { target: '/other' }] } } });
    expect(locations.find(['services', 'api', 'volumes', 0])).toEqual(at(6));
    expect(locations.find(['services', 'api', 'volumes', 1])).toEqual(at(7));
    expect(locations.find(['services', 'api', 'volumes', 1, 'target'])).toEqual(at(8));
  });
});

describe('loadCompose with repeated list items', () => {
  function load(lines: string[]): ReturnType<typeof loadCompose> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-unique-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), [...lines, ''].join('\n'));
    return loadCompose({ files: [path.join(dir, 'compose.yaml')], environment: {} });
  }

  it('reads them as compose does, after interpolation', () => {
    const project = load(['services:', '  api:', '    image: example/api:1', '    cap_add: [NET_ADMIN, NET_ADMIN]', '    environment: [MODE=a, "MODE=${UNSET:-b}"]', '    ports: ["8080:80", "8080:80"]']);
    expect(project.services.api.cap_add).toEqual(['NET_ADMIN']);
    expect(project.services.api.environment).toEqual({ MODE: 'b' });
    expect(project.services.api.ports).toEqual(['8080:80']);
  });

  it('names the line of an item that moved in a schema error', () => {
    // Given a bad port item after a repeated one, so that it moves from index 2 to 1
    const problems = problemsOf(() => load(['services:', '  api:', '    image: example/api:1', '    ports:', '      - "8080:80"', '      - "8080:80"', '      - target: 81', '        bogus: 1']));
    // Then the error names its new index and its own line
    expect(problems).toEqual([expect.objectContaining({ field: 'services.api.ports[1].bogus', value: 1, path: expect.stringMatching(/compose\.yaml:8$/) })]);
  });

  it('still refuses a repeated item where compose does', () => {
    const problems = problemsOf(() => load(['services:', '  api:', '    image: example/api:1', '    extra_hosts: ["db:10.0.0.2", "db:10.0.0.2"]']));
    expect(problems).toEqual([expect.objectContaining({ field: 'services.api.extra_hosts', message: expect.stringContaining('duplicate items') })]);
  });
});
