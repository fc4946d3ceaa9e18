/**
 * Brands recognise this library's constructs and values without `instanceof`, as
 * `Stack.isStack` does in aws-cdk: a `Symbol.for` key is shared by every installed copy of the
 * package, and checking it needs no import of the class, so no import can close a cycle.
 */
export type BrandName =
  | 'DockerStack'
  | 'Service'
  | 'Postgres'
  | 'Redis'
  | 'ChromaDb'
  | 'Ollama'
  | 'NginxProxy'
  | 'StackNetwork'
  | 'NamedVolume'
  | 'Duration'
  | 'Size'
  | 'Cpu'
  | 'Port'
  | 'ContainerImage'
  | 'HealthCheck'
  | 'Secret'
  | 'GeneratedSecret'
  | 'RestartPolicy'
  | 'LogRotation'
  | 'CronSchedule'
  | 'AsgiServer'
  | 'StateBackend'
  | 'DeployTarget';

function brandKey(name: BrandName): symbol {
  return Symbol.for(`cdktf-docker-stacks.${name}`);
}

/** Marks `target` (an instance, or a prototype for every instance of a class) with `name`. */
export function brand(target: object, name: BrandName): void {
  Object.defineProperty(target, brandKey(name), { value: true, enumerable: false });
}

/** Whether `value` carries the brand `name` (on itself or its prototype chain). */
export function hasBrand(value: unknown, name: BrandName): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && brandKey(name) in value;
}
