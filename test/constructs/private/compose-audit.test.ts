import { auditCompose } from '../../../constructs/private/compose-audit';

type Json = Record<string, unknown>;

const LABEL = 'cds.service';
const HINT = '(an override the exporter does not read?)';

/** A stack's Terraform JSON and the compose file that stands for it, setting by setting the same. */
function pair(): { json: Json; compose: Json } {
  const api: Json = {
    '//': { metadata: { path: 'shop/api/Resource' } },
    name: 'shop-api',
    wait: true,
    wait_timeout: 60,
    must_run: true,
    destroy_grace_seconds: 10,
    lifecycle: { create_before_destroy: false },
    image: '${docker_image.api_image.image_id}',
    command: ['serve', '--price', '$${PRICE}'],
    entrypoint: ['/entry'],
    user: '1000',
    working_dir: '/app',
    init: true,
    env: ['TOKEN=${random_password.token.result}', 'PRICE=$5', 'A=1'],
    healthcheck: { test: ['CMD', 'true'], interval: '10s' },
    cpus: '0.5',
    memory: 512,
    memory_swap: 1024,
    memory_reservation: 256,
    shm_size: 64,
    restart: 'on-failure',
    max_retry_count: 3,
    log_driver: 'json-file',
    log_opts: { 'max-size': '10m' },
    read_only: true,
    tmpfs: { '/tmp': 'size=64m' },
    capabilities: { drop: ['ALL'] },
    security_opts: ['no-new-privileges:true'],
    network_mode: 'bridge',
    labels: [{ label: LABEL, value: 'api' }, { label: 'team', value: 'pay' }],
    stop_signal: 'SIGTERM',
    stop_timeout: 90,
    ports: [{ internal: 80, external: 8080, ip: '127.0.0.1', protocol: 'tcp' }],
    networks_advanced: [{ name: '${docker_network.front.id}', aliases: ['api'] }],
    mounts: [{ source: 'shop-data', target: '/data', type: 'volume', read_only: false }],
    upload: [{ content: 'a=$${x}', executable: true, file: '/etc/app.conf' }],
    depends_on: ['docker_container.db', 'docker_container.db'],
  };
  const db: Json = { image: 'postgres:16', labels: [{ label: LABEL, value: 'db' }], network_mode: 'bridge' };
  return {
    json: {
      resource: {
        docker_container: { api, db },
        docker_image: { api_image: { '//': {}, name: 'example/api:1', keep_locally: true } },
        docker_network: { front: { name: 'front', driver: 'bridge', internal: false } },
        random_password: { token: { length: 32, special: false } },
      },
    },
    compose: {
      services: {
        api: {
          image: 'example/api:1',
          command: ['serve', '--price', '$${PRICE}'],
          entrypoint: ['/entry'],
          user: '1000',
          working_dir: '/app',
          init: true,
          environment: { A: '1', PRICE: '$$5', TOKEN: '${API_TOKEN}' },
          healthcheck: { test: ['CMD', 'true'], interval: '10s' },
          deploy: { resources: { limits: { cpus: '0.5', memory: '512m' }, reservations: { memory: '256m' } } },
          memswap_limit: '1g',
          shm_size: '64m',
          restart: 'on-failure:3',
          logging: { driver: 'json-file', options: { 'max-size': '10m' } },
          read_only: true,
          tmpfs: ['/tmp:size=64m'],
          cap_drop: ['ALL'],
          security_opt: ['no-new-privileges:true'],
          labels: { team: 'pay', [LABEL]: 'api' },
          stop_signal: 'SIGTERM',
          stop_grace_period: '1m29s500ms',
          ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'tcp' }],
          networks: { front: { aliases: ['api'] }, default: null },
          volumes: [{ type: 'volume', source: 'shop-data', target: '/data' }],
          configs: [{ source: 'conf', target: '/etc/app.conf', mode: 0o744 }],
          depends_on: { db: { condition: 'service_healthy' } },
        },
        db: { image: 'postgres:16', labels: { [LABEL]: 'db' } },
      },
      configs: { conf: { content: 'a=$${x}' } },
    },
  };
}

const api = (json: Json): Json => ((json.resource as Json).docker_container as Json).api as Json;
const apiService = (compose: Json): Json => (compose.services as Json).api as Json;

describe('auditCompose', () => {
  test('given a compose file that carries every setting of the stack, then it finds nothing', () => {
    const { json, compose } = pair();
    expect(auditCompose(json, compose, LABEL)).toEqual([]);
  });

  test('given a resource type, a setting of a known type and a data source the file has no place for, then each is named', () => {
    const { json, compose } = pair();
    const resources = json.resource as Json;
    resources.docker_service = { web: { '//': { metadata: { path: 'shop/web/Resource' } }, name: 'web' } };
    resources.docker_volume = { data: { name: 'shop-data' } };
    (resources.docker_network as Json).front = { name: 'front', driver: 'bridge', ipam_config: [{ subnet: '10.0.0.0/24' }] };
    json.data = { docker_network: { host: {} } };
    expect(auditCompose(json, compose, LABEL)).toEqual([
      { path: 'docker_network.front', key: 'ipam_config', message: 'docker_network setting "ipam_config" has no equivalent in the compose file and is left out' },
      { path: 'shop/web/Resource', key: 'docker_service', message: 'a docker_service resource has no equivalent in a compose file and is left out' },
      { path: 'docker_volume.data', key: 'docker_volume', message: 'a docker_volume resource has no equivalent in a compose file and is left out' },
      { path: 'docker_network', key: 'data.docker_network', message: 'a data source (docker_network) has no equivalent in a compose file and is left out' },
    ]);
  });

  test('given a container with no service of its label in the file, or no label, then each is named', () => {
    const { json, compose } = pair();
    delete (compose.services as Json).db;
    const containers = (json.resource as Json).docker_container as Json;
    containers.unlabelled = { image: 'x' };
    expect(auditCompose(json, compose, LABEL)).toEqual([
      { path: 'docker_container.db', key: 'docker_container', message: 'a container the compose file has no service for' },
      { path: 'docker_container.unlabelled', key: 'docker_container', message: 'a container the compose file has no service for' },
    ]);
  });

  test('given a container setting the exporter does not know, then it is named as left out', () => {
    const { json, compose } = pair();
    api(json).dns = ['1.1.1.1'];
    expect(auditCompose(json, compose, LABEL)).toEqual([{ path: 'shop/api/Resource', key: 'dns', message: 'container setting "dns" has no equivalent in the compose file and is left out' }]);
  });

  test('given other values, then both are shown, each cut at 200 characters', () => {
    const { json, compose } = pair();
    api(json).user = '1001';
    api(json).working_dir = `/${'w'.repeat(300)}`;
    expect(auditCompose(json, compose, LABEL)).toEqual([
      { path: 'shop/api/Resource', key: 'user', message: `the stack deploys "1001" and the compose file says "1000" ${HINT}` },
      { path: 'shop/api/Resource', key: 'working_dir', message: `the stack deploys ${`"/${'w'.repeat(300)}"`.slice(0, 200)}... and the compose file says "/app" ${HINT}` },
    ]);
  });

  test('given other environment values, then only their names are said, not the values (they may be secrets)', () => {
    const { json, compose } = pair();
    api(json).env = ['A=2', 'PRICE=$5', 'TOKEN=${random_password.token.result}', 'NEW=x'];
    const [finding] = auditCompose(json, compose, LABEL);
    expect(finding).toEqual({ path: 'shop/api/Resource', key: 'env', message: `the stack deploys other values than the compose file for A, NEW ${HINT}` });
  });

  test('given other uploaded contents, then only the files are named', () => {
    const { json, compose } = pair();
    api(json).upload = [{ content: 'secret=1', executable: true, file: '/etc/app.conf' }, { content: 'b', file: '/etc/other' }];
    expect(auditCompose(json, compose, LABEL)).toEqual([
      { path: 'shop/api/Resource', key: 'upload', message: `the stack uploads other files or contents than the compose file: /etc/app.conf, /etc/other ${HINT}` },
    ]);
  });

  test.each<[string, (s: Json) => void, string | string[]]>([
    ['a memory limit in other units', (s) => { (((s.deploy as Json).resources as Json).limits as Json).memory = '1g'; }, 'memory'],
    ['a memory size that is not a size', (s) => { s.shm_size = 'lots'; }, 'shm_size'],
    ['a restart policy without retries', (s) => { s.restart = 'always'; }, ['max_retry_count', 'restart']],
    ['another grace period', (s) => { s.stop_grace_period = '2m'; }, 'stop_timeout'],
    ['the host network', (s) => { s.network_mode = 'host'; }, 'network_mode'],
    ['another published port', (s) => { s.ports = [{ target: 80, published: '9090', host_ip: '127.0.0.1', protocol: 'tcp' }]; }, 'ports'],
    ['another alias', (s) => { s.networks = { front: { aliases: ['web'] } }; }, 'networks_advanced'],
    ['a read-only volume', (s) => { s.volumes = [{ type: 'volume', source: 'shop-data', target: '/data', read_only: true }]; }, 'mounts'],
    ['a config not executable', (s) => { s.configs = [{ source: 'conf', target: '/etc/app.conf' }]; }, 'upload'],
    ['another tmpfs option', (s) => { s.tmpfs = ['/tmp:size=32m']; }, 'tmpfs'],
    ['another label', (s) => { s.labels = { [LABEL]: 'api', team: 'ops' }; }, 'labels'],
    ['another command', (s) => { s.command = ['serve']; }, 'command'],
    ['another health check test', (s) => { s.healthcheck = { test: ['CMD', 'false'], interval: '10s' }; }, 'healthcheck'],
    ['another memory reservation', (s) => { (((s.deploy as Json).resources as Json).reservations as Json).memory = '128m'; }, 'memory_reservation'],
    ['another swap limit', (s) => { s.memswap_limit = '2048m'; }, 'memory_swap'],
    ['another log option', (s) => { s.logging = { driver: 'json-file', options: { 'max-size': '20m' } }; }, 'log_opts'],
    ['a literal where the stack holds a secret', (s) => { s.environment = { A: '1', PRICE: '$$5', TOKEN: 'literal' }; }, 'env'],
    ['a dependency on another service', (s) => { s.depends_on = { cache: {} }; }, 'depends_on'],
  ])('given %s in the file, then that key differs', (_what, change, key) => {
    const { json, compose } = pair();
    change(apiService(compose));
    expect(auditCompose(json, compose, LABEL).map((f) => f.key)).toEqual([key].flat());
  });

  test('given defaults written in one and left out in the other (false, empty lists), then nothing differs', () => {
    const { json, compose } = pair();
    Object.assign(api(json), { privileged: false, pid_mode: null });
    Object.assign(apiService(compose), { cap_add: [], read_only: true, init: true });
    Object.assign(api(json), { security_opts: ['no-new-privileges:true'], tmpfs: { '/tmp': 'size=64m' } });
    delete api(json).wait;
    expect(auditCompose(json, compose, LABEL)).toEqual([]);
  });
});
