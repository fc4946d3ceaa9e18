// The public API of cdktf-docker-stacks. Only re-exports; internals live in ./private.
//
// Exported: what a user calls or names to write a stack (constructs, value types, enums, props
// and options types, errors), plus the few constants that are a contract with the user's own
// files. Not exported: limits (documented, and shown in every error), defaults, paths inside
// images, patterns and label names; tests and stacks/ import those from their source module.
// test/constructs/index.test.ts pins the runtime exports, so an addition is deliberate.

// Values.
export * from './capability';
export * from './cpu';
export * from './duration';
export * from './port';
export * from './size';
export * from './update-order';
export * from './cron-schedule';
export * from './image';
export * from './logging';
export { RestartPolicy } from './restart-policy';
export { HealthCheck, ProbeTool, type HealthCheckOptions, type HttpProbeOptions, type TcpProbeOptions } from './health-check';
export { Secret } from './secret';
export { GeneratedSecret, type GeneratedSecretProps } from './generated-secret';

// Errors.
export * from './errors';

// The app, the stack and the building blocks.
export * from './docker-app';
export * from './docker-stack';
export { DeployTarget, SwarmEndpointMode, SwarmPublishMode, type SwarmTargetOptions } from './deploy-target';
export type { SwarmPlacement, SwarmServiceOptions } from './swarm-service-options';
export { StateBackend, type LocalStateOptions, type PostgresStateOptions, type StateBackendKind } from './state-backend';
export * from './network';
export * from './volume';
export * from './published-port';
export {
  Service,
  type BindMount,
  type FileUpload,
  type HostAccess,
  type KindProps,
  type NetworkAttachment,
  type PortMapping,
  type ServiceContainerSettings,
  type ServiceProps,
  type VolumeMount,
} from './service';

// Kinds.
export { Postgres, type PostgresProps, type PostgresSettings } from './postgres';
export { AsgiServer, PythonApi, type AsgiServerProblem, type GunicornOptions, type PythonApiProps, type UvicornOptions } from './python-api';
export {
  NginxProxy,
  // The files the TLS certificate directory must hold, and the user that must read them.
  NGINX_CERTIFICATE_FILE,
  NGINX_PRIVATE_KEY_FILE,
  NGINX_DEFAULT_USER,
  type NginxProxyProps,
  type ProxyListener,
  type ProxyRoute,
  type ProxyTls,
  type RenderedListener,
} from './nginx-proxy';
export { Redis, RedisEvictionPolicy, RedisPersistence, type RedisProps } from './redis';
export { QueuePriority, QueueWorker, type QueueWorkerProps } from './queue-worker';
export { CronRunner, Scheduler, type CronJob, type PostgresBackupOptions, type SchedulerProps } from './scheduler';
export { ChromaDb, type ChromaDbProps } from './chroma-db';
export { Ollama, type OllamaProps } from './ollama';

// A stack as a compose file.
export { exportCompose, toCompose, type ComposeExport, type ComposeExportOptions, type ComposeVariable, type ComposeWarning } from './compose-export';

// Compose files into a stack (docs/compose-import.md).
export { fromCompose, type ComposeImport, type ComposeImportOptions, type ComposeKeyReport } from './compose-import/from-compose';
export type { ComposeServiceImport, ComposeServiceKind } from './compose-import/kinds';
export { loadCompose, type ComposeLoadOptions, type ComposeProject } from './compose-import/loader';
export { KeySupport, type KeyRow } from './compose-import/key-table';
export type { ComposeMap } from './compose-import/compose-map';
export type { LocationIndex, SourceLocation, KeyPath } from './compose-import/source-location';

// Rules: the catalogue every DockerStack checks (errors) and advises on (warnings).
export { STACK_RULES } from './rules/stack-validator';
export { STACK_ADVISORIES } from './rules/stack-advisor';
// And the checks DockerApp runs across the stacks that deploy to one engine.
export { APP_RULES } from './rules/app-validator';
export type { StackRule, RuleContext, RuleService, RuleNetwork, AppRule, AppRuleContext, RuleStack, RuleStackNetwork } from './rules/rule';
export type { StackContext } from './private/stack-context';
export type { MissingTools } from './private/image-facts';
