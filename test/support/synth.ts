import { Testing } from 'cdktf';
import { DockerStack } from '../../constructs';

/** A container resource as synthesized (snake_case keys, as Terraform sees it). */
export type SynthesizedContainer = Record<string, unknown> & { name: string; depends_on?: string[] };

export interface SynthesizedStack {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly variable?: Record<string, Record<string, unknown>>;
}

/** A fresh stack in a fresh app, for one test. */
export function newStack(id = 'test', namePrefix?: string): DockerStack {
  return new DockerStack(Testing.app(), id, namePrefix ? { namePrefix } : {});
}

/** Synthesizes with validations on (a rule violation throws) and parses the JSON. */
export function synth(stack: DockerStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

export function containers(json: SynthesizedStack): SynthesizedContainer[] {
  return Object.values(json.resource.docker_container ?? {}) as SynthesizedContainer[];
}

/** A container name without the generation suffix an UpdateOrder.START_FIRST service adds. */
export function baseName(name: string): string {
  return name.replace(/-\$\{random_id\.[A-Za-z0-9_-]+\.hex\}$/, '');
}

/** The container named `name` (for a START_FIRST service: `name` plus its generation suffix). */
export function container(json: SynthesizedStack, name: string): SynthesizedContainer {
  const found = containers(json).find((c) => baseName(c.name) === name);
  if (!found) throw new Error(`no container named ${name}; have ${containers(json).map((c) => c.name).join(', ')}`);
  return found;
}

/** Terraform address (`docker_container.<key>`) of the container named `name`. */
export function containerAddress(json: SynthesizedStack, name: string): string {
  const entry = Object.entries(json.resource.docker_container ?? {}).find(([, c]) => baseName((c as SynthesizedContainer).name) === name);
  if (!entry) throw new Error(`no container named ${name}`);
  return `docker_container.${entry[0]}`;
}

/** Runs the stack's validations and returns the messages (empty when it complies). */
export function validationMessages(stack: DockerStack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.validate());
}
