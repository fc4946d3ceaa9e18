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
  // Not enumerable, not writable (defineProperty's defaults): a spread copy or JSON does not carry
  // the brand. hasBrand asks only whether the key is there, so the value itself does not matter.
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent (the value is never read)
  Object.defineProperty(target, brandKey(name), { value: true });
}

/** Whether `value` carries the brand `name` (on itself or its prototype chain). */
export function hasBrand(value: unknown, name: BrandName): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && brandKey(name) in value;
}
