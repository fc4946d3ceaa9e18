import * as api from '../../constructs';

// The package's runtime exports, pinned: adding or removing one is an API change, made here on purpose.
const EXPORTS = {
  constructs: ['DockerApp', 'DockerStack', 'Service', 'StackNetwork', 'StackNetworks', 'NamedVolume'],
  // Where a stack's state is kept (DockerStack's stateBackend).
  state: ['StateBackend'],
  // Where a stack deploys (DockerStack's target): one engine or a Swarm cluster.
  target: ['DeployTarget'],
  kinds: ['Postgres', 'PythonApi', 'NginxProxy', 'Redis', 'QueueWorker', 'Scheduler', 'ChromaDb', 'Ollama'],
  values: ['AsgiServer', 'ContainerImage', 'Cpu', 'CronSchedule', 'Duration', 'HealthCheck', 'LogRotation', 'Port', 'RestartPolicy', 'Secret', 'Size'],
  // A construct: a generated secret belongs to what needs it.
  secrets: ['GeneratedSecret'],
  enums: ['Capability', 'CronRunner', 'ProbeTool', 'Protocol', 'QueuePriority', 'RedisEvictionPolicy', 'RedisPersistence', 'SwarmEndpointMode', 'SwarmPublishMode', 'UpdateOrder'],
  errors: ['ValidationError', 'StackValidationError', 'formatProblem'],
  // The files a TLS certificate directory must hold and the user that reads them: a contract
  // with the user's own files (stacks/config.ts checks a directory against them).
  contracts: ['NGINX_CERTIFICATE_FILE', 'NGINX_PRIVATE_KEY_FILE', 'NGINX_DEFAULT_USER'],
  // The catalogue of checks every DockerStack runs.
  rules: ['STACK_RULES', 'STACK_ADVISORIES', 'APP_RULES'],
  // A stack as a compose file (docs: README "Compose export").
  exporters: ['toCompose', 'exportCompose'],
  // Compose files into a stack (docs/compose-import.md), and how each key is imported.
  importers: ['fromCompose', 'loadCompose', 'KeySupport'],
};

describe('the package index (constructs/index.ts)', () => {
  test('exports exactly the API listed here', () => {
    expect(Object.keys(api).sort()).toEqual(Object.values(EXPORTS).flat().sort());
  });

  test('exports no limit, default, path or pattern: the only constants are contracts and the rule catalogue', () => {
    const constants = Object.keys(api).filter((name) => /^[A-Z][A-Z0-9_]+$/.test(name));
    expect(constants.sort()).toEqual([...EXPORTS.contracts, ...EXPORTS.rules].sort());
  });
});
