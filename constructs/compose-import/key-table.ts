/**
 * What becomes of each key of the compose specification on import: one row per key of a
 * top-level section, a service, and the nested mappings a service's settings live in. The
 * table is the source of docs/compose-import.md, and a test compares its keys with the
 * vendored schema's, so a key the schema adds cannot go unmentioned.
 */
import { PROXY_EXTENSION } from './kinds';

/** How a key is imported. */
export enum KeySupport {
  /** Becomes the equivalent construct prop, same meaning. */
  MAPPED = 'mapped',
  /** Becomes a construct prop, with a difference the caveat states. */
  CAVEAT = 'mapped with caveat',
  /** No construct prop: an error unless `allowUnsupported`, then a warning. */
  UNSUPPORTED = 'unsupported',
}

/** One row of the table. */
export interface KeyRow {
  /** Mapped, mapped with a caveat, or unsupported. */
  readonly support: KeySupport;
  /** What the key becomes, or why it cannot be imported. */
  readonly becomes: string;
}

const M = (becomes: string): KeyRow => ({ support: KeySupport.MAPPED, becomes });
const C = (becomes: string): KeyRow => ({ support: KeySupport.CAVEAT, becomes });
const U = (becomes: string): KeyRow => ({ support: KeySupport.UNSUPPORTED, becomes });

/** Section -> key -> row. Sections: `top`, `service`, `service.deploy`, `service.deploy.resources.limits`, ... */
export type KeyTable = Readonly<Record<string, Readonly<Record<string, KeyRow>>>>;

/**
 * The table, built on each call rather than when the module loads (about 16 µs a call here), so
 * that a row's text is reached by the tests that read it: mutation testing then runs those tests
 * only, not every test file that loads the module.
 */
export function keyTable(): KeyTable {
  const NO_PROVIDER = 'no prop of Service: the kreuzwerker/docker container the library renders has no place for it';
  const SWARM = 'Swarm-only deploy setting; a stack deploys plain containers';
  const BUILD_ONLY = 'ContainerImage.fromBuild takes context, dockerfile and build args only';
  return {
    top: {
      version: C('ignored, as compose ignores it (obsolete)'),
      name: M('DockerStack namePrefix'),
      include: M('loaded: the included project\'s resources are added'),
      services: M('one Service per active service'),
      networks: M('one StackNetwork per network'),
      volumes: M('one NamedVolume per volume'),
      secrets: M('read-only bind mount at /run/secrets/<name> for each service that uses it'),
      configs: M('an uploaded file (content) or a read-only bind mount (file)'),
      models: U('no construct for AI models'),
      jobs: U('no construct for run-to-completion jobs'),
    },
    service: {
      image: M('ContainerImage.fromRegistry (the image rules then apply: pinning, tools the image lacks); a recognised image makes the service a Postgres, Redis, ChromaDb, Ollama or (with x-cdktf-proxy routes) NginxProxy (see Recognised images)'),
      build: M('ContainerImage.fromBuild(context, { tag: image or <project>-<service>:latest, dockerfile, buildArgs })'),
      command: C('command as an argument array; a string is split as compose splits it, and a `#` in it is an error (a folded YAML block carries comments into the arguments)'),
      entrypoint: C('entrypoint as an argument array; a string is split as compose splits it'),
      environment: M('environment'),
      env_file: M('read at load, under `environment` (which wins); a missing required file is an error'),
      label_file: U(NO_PROVIDER),
      container_name: M('containerName'),
      labels: M('labels'),
      annotations: U(NO_PROVIDER),
      user: M('user'),
      working_dir: M('workingDir'),
      init: M('init'),
      read_only: M('readOnlyRootFilesystem'),
      shm_size: M('shmSize'),
      tmpfs: C('tmpfs; a path without `size=` gets 64 MiB (the library sizes every tmpfs)'),
      cap_add: M('capabilities (CAP_ prefix added)'),
      cap_drop: C('ignored: the library drops every capability and adds back cap_add'),
      security_opt: C('the library always sets no-new-privileges:true; other options are unsupported'),
      privileged: C('hostAccess.privileged, with the reason "imported from <file:line>"'),
      network_mode: C('"host" becomes hostAccess.hostNetwork, "bridge"/"none" no network; service:/container: modes are unsupported'),
      pid: C('"host" becomes hostAccess.hostPid'),
      ipc: C('"host" becomes hostAccess.hostIpc; "private" and "shareable" give the container its own IPC namespace, as the library always does; other modes are unsupported'),
      stop_grace_period: M('stopGracePeriod'),
      stop_signal: M('stopSignal'),
      restart: C('"no" -> RestartPolicy.never(), "unless-stopped" and "always" -> RestartPolicy.unlessStopped(), "on-failure[:n]" -> RestartPolicy.onFailure(n, else 5); other text is refused (not imported with allowUnsupported); absent -> the library\'s bounded onFailure(5), not compose\'s "no"'),
      logging: C('json-file with max-size and max-file -> LogRotation.jsonFile; other drivers and options are unsupported'),
      networks: M('networks, with aliases; a service with no networks joins the project\'s "default" network, as in compose'),
      volumes: M('named volumes (volumes), bind mounts (bindMounts, read-write unless :ro, as in compose), tmpfs mounts (tmpfs)'),
      ports: C('ports, every syntax; without a host address the port binds 0.0.0.0 as in compose (CDS-DATA-PORT-PUBLIC and other rules then apply); a port without a published port gets the same number on the host; a range (`8000-8002:8000-8002`) publishes each port, as compose does; a host range for one container port (any free one) is unsupported'),
      expose: C('nothing: containers on a shared network reach every port anyway'),
      depends_on: C('dependsOn; every condition waits for the dependency to be healthy (the library\'s only ordering), so service_started and service_completed_successfully are stronger'),
      healthcheck: M('healthCheck (HealthCheck.command, .shell, .none())'),
      deploy: M('see service.deploy'),
      scale: M('replicas'),
      profiles: M('applied at load: the service is imported only when a profile of it is active'),
      extends: M('applied at load, with compose\'s merge rules'),
      cpus: M('cpuLimit'),
      mem_limit: M('memoryLimit'),
      mem_reservation: M('memoryReservation'),
      memswap_limit: C('ignored: the library sets swap equal to the memory limit (no swap)'),
      secrets: M('read-only bind mount of the secret\'s file at /run/secrets/<name> or its target (a relative target under /run/secrets/)'),
      configs: M('uploaded file (content) or read-only bind mount (file) at /<name> or its target (a relative target under /, as compose mounts it)'),
      attach: C('ignored: it only steers `docker compose up` output'),
      blkio_config: U(NO_PROVIDER),
      cgroup: U(NO_PROVIDER),
      cgroup_parent: U(NO_PROVIDER),
      cpu_count: U(NO_PROVIDER),
      cpu_percent: U(NO_PROVIDER),
      cpu_shares: U(NO_PROVIDER),
      cpu_quota: U(NO_PROVIDER),
      cpu_period: U(NO_PROVIDER),
      cpu_rt_period: U(NO_PROVIDER),
      cpu_rt_runtime: U(NO_PROVIDER),
      cpuset: U(NO_PROVIDER),
      credential_spec: U('Windows only'),
      device_cgroup_rules: U(NO_PROVIDER),
      devices: U(NO_PROVIDER),
      dns: U(NO_PROVIDER),
      dns_opt: U(NO_PROVIDER),
      dns_search: U(NO_PROVIDER),
      domainname: U(NO_PROVIDER),
      extra_hosts: U(NO_PROVIDER),
      gpus: U(NO_PROVIDER),
      group_add: U(NO_PROVIDER),
      hostname: U(NO_PROVIDER),
      isolation: U('Windows only'),
      mac_address: U(NO_PROVIDER),
      mem_swappiness: U(NO_PROVIDER),
      models: U('no construct for AI models'),
      oom_kill_disable: U(NO_PROVIDER),
      oom_score_adj: U(NO_PROVIDER),
      pids_limit: U(NO_PROVIDER),
      platform: U(NO_PROVIDER),
      pull_policy: U('the image is pulled or built by the docker_image resource'),
      pull_refresh_after: U('the image is pulled or built by the docker_image resource'),
      runtime: U(NO_PROVIDER),
      sysctls: U(NO_PROVIDER),
      storage_opt: U(NO_PROVIDER),
      ulimits: U(NO_PROVIDER),
      umask: U(NO_PROVIDER),
      use_api_socket: U('gives the container the engine\'s socket; bind-mount it with hostAccess.dockerSocket in code'),
      uts: U(NO_PROVIDER),
      userns_mode: U(NO_PROVIDER),
      volumes_from: U(NO_PROVIDER),
      links: U('legacy; use networks'),
      external_links: U('legacy; use networks'),
      stdin_open: U(NO_PROVIDER),
      tty: U(NO_PROVIDER),
      develop: U('compose watch has no deploy equivalent'),
      provider: U('externally managed services have no construct'),
      pre_start: U('lifecycle hooks have no construct'),
      post_start: U('lifecycle hooks have no construct'),
      pre_stop: U('lifecycle hooks have no construct'),
    },
    'service.deploy': {
      replicas: M('replicas'),
      resources: M('see service.deploy.resources'),
      restart_policy: C('condition none/on-failure/any -> RestartPolicy.never/onFailure(max_attempts, else 5)/unlessStopped; delay and window are ignored'),
      mode: C('"replicated" (the default) only'),
      labels: U(SWARM),
      endpoint_mode: U(SWARM),
      rollback_config: U(SWARM),
      update_config: U(SWARM),
      placement: U(SWARM),
    },
    'service.deploy.resources': {
      limits: M('see service.deploy.resources.limits'),
      reservations: M('see service.deploy.resources.reservations'),
    },
    'service.deploy.resources.limits': {
      cpus: M('cpuLimit'),
      memory: M('memoryLimit'),
      pids: U(NO_PROVIDER),
    },
    'service.deploy.resources.reservations': {
      cpus: C('ignored: the engine has no CPU reservation for a plain container'),
      memory: M('memoryReservation'),
      generic_resources: U(NO_PROVIDER),
      devices: U(NO_PROVIDER),
    },
    'service.healthcheck': {
      test: M('HealthCheck.command (CMD), HealthCheck.shell (CMD-SHELL or a string), HealthCheck.none() (NONE)'),
      interval: M('interval'),
      timeout: M('timeout'),
      retries: M('retries'),
      start_period: M('startPeriod'),
      start_interval: M('startInterval'),
      disable: M('HealthCheck.none()'),
    },
    'service.build': {
      context: M('ContainerImage.fromBuild context (relative to the file)'),
      dockerfile: M('dockerfile'),
      args: M('buildArgs'),
      ...Object.fromEntries(
        ['dockerfile_inline', 'entitlements', 'ssh', 'labels', 'cache_from', 'cache_to', 'no_cache', 'no_cache_filter', 'additional_contexts', 'network', 'provenance', 'sbom', 'pull', 'target', 'shm_size', 'extra_hosts', 'isolation', 'privileged', 'secrets', 'tags', 'ulimits', 'platforms'].map((k) => [k, U(BUILD_ONLY)]),
      ),
    },
    network: {
      name: M('networkName'),
      internal: M('internal'),
      driver: C('"bridge" only (the library creates bridge networks)'),
      external: U('the library creates every network it uses'),
      driver_opts: U(NO_PROVIDER),
      ipam: U(NO_PROVIDER),
      enable_ipv4: U(NO_PROVIDER),
      enable_ipv6: U(NO_PROVIDER),
      attachable: U(SWARM),
      labels: U(NO_PROVIDER),
    },
    volume: {
      name: M('volumeName'),
      driver: C('"local" only (the engine\'s default driver)'),
      external: C('the engine creates a missing volume on first use and never deletes it; an existing one is used'),
      driver_opts: U(NO_PROVIDER),
      labels: U('a label change would replace the volume (data loss), so the library sets none'),
    },
    secret: {
      file: M('read-only bind mount in each service that uses it'),
      name: C('ignored: the file is mounted, not created on the engine'),
      environment: U('a secret from a variable is Secret.fromVariable in code'),
      external: U(SWARM),
      labels: U(SWARM),
      driver: U(SWARM),
      driver_opts: U(SWARM),
      template_driver: U(SWARM),
    },
    config: {
      file: M('read-only bind mount in each service that uses it'),
      content: M('uploaded file (Service files)'),
      name: C('ignored: the file is mounted or uploaded, not created on the engine'),
      environment: C('uploaded file with the variable\'s value at import'),
      external: U(SWARM),
      labels: U(SWARM),
      template_driver: U(SWARM),
    },
  };
}

/** The row of `key` in `section`; `x-` extensions are ignored as compose ignores them. */
export function keyRow(section: string, key: string): KeyRow | undefined {
  if (section === 'service' && key === PROXY_EXTENSION) return { support: KeySupport.MAPPED, becomes: "an nginx service's NginxProxy routes and probe tool (docs/compose-import.md, Recognised images); ignored on other images" };
  if (key.startsWith('x-')) return { support: KeySupport.MAPPED, becomes: 'ignored (extension)' };
  return keyTable()[section]?.[key];
}

/** The table as Markdown, one table per section, with the counts: what docs/compose-import.md holds. */
export function renderKeyTable(): string {
  const table = keyTable();
  const rows = Object.values(table).flatMap((section) => Object.values(section));
  const count = (support: KeySupport): number => rows.filter((r) => r.support === support).length;
  const out = [
    `${rows.length} keys: ${count(KeySupport.MAPPED)} mapped, ${count(KeySupport.CAVEAT)} mapped with a caveat, ${count(KeySupport.UNSUPPORTED)} unsupported.`,
    '',
  ];
  for (const [section, keys] of Object.entries(table)) {
    out.push(`### ${section}`, '', '| key | import | becomes |', '|---|---|---|');
    // Stryker disable next-line StringLiteral: equivalent today (no row's text holds a "|"; the escape keeps a future one from splitting its cell)
    for (const [key, row] of Object.entries(keys)) out.push(`| \`${key}\` | ${row.support} | ${row.becomes.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  return out.join('\n');
}
