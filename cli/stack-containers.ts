import type Docker from 'dockerode';
import { CDS_LABELS } from './labels';
import type { TerraformJson } from './project';

/** A container the synthesized stack declares. */
export interface DeclaredContainer {
  /** Service name: the `org.cdktf-docker-stacks.service` label, else the Terraform resource key. */
  readonly service: string;
  /** Container name, without the generation suffix of an UpdateOrder.START_FIRST service. */
  readonly name: string;
  /** START_FIRST: the engine's name is `<name>-<hex generation>`, known only after apply. */
  readonly generation: boolean;
  /** The image the stack references: a `docker_image`'s name, or the literal reference. */
  readonly image: string | undefined;
  readonly healthCheck: boolean;
  /** The `org.cdktf-docker-stacks.stack` label (the stack's name prefix), when the container has it. */
  readonly stackLabel: string | undefined;
}

const GENERATION_SUFFIX = /-\$\{random_id\.[^}]+\.hex\}$/;
const IMAGE_REFERENCE = /^\$\{docker_image\.([^.}]+)\.[a-z_]+\}$/;

/** The containers of a synthesized stack, in the order of the JSON. */
export function declaredContainers(json: TerraformJson): DeclaredContainer[] {
  const images = json.resource?.docker_image ?? {};
  return Object.entries(json.resource?.docker_container ?? {}).map(([key, c]) => {
    const label = (name: string): string | undefined => c.labels?.find((l) => l.label === name)?.value;
    const imageKey = IMAGE_REFERENCE.exec(c.image ?? '')?.[1];
    const test = (c.healthcheck as { test?: readonly string[] } | undefined)?.test;
    return {
      service: label(CDS_LABELS.service) ?? key,
      name: c.name.replace(GENERATION_SUFFIX, ''),
      generation: GENERATION_SUFFIX.test(c.name),
      image: imageKey ? images[imageKey]?.name : c.image,
      healthCheck: test !== undefined && test.length > 0 && test[0] !== 'NONE',
      stackLabel: label(CDS_LABELS.stack),
    };
  });
}

/** A container on the engine, as listed. */
export interface EngineContainer {
  readonly id: string;
  /** Name without Docker's leading "/". */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Declared containers paired with what the engine has; the stack's other labelled containers apart. */
export interface ContainerMatch {
  readonly found: readonly { readonly declared: DeclaredContainer; readonly containers: readonly EngineContainer[] }[];
  /** Containers with the stack's label that no declared container accounts for (a service removed from the code, an old generation). */
  readonly others: readonly EngineContainer[];
}

/** Whether engine container `name` is declared container `d`: the same name, or for START_FIRST its name plus a generation. */
export function isContainerOf(d: DeclaredContainer, name: string): boolean {
  if (name === d.name) return true;
  return d.generation && name.startsWith(`${d.name}-`) && /^[0-9a-f]+$/.test(name.slice(d.name.length + 1));
}

/** Pairs declared containers with engine containers by name (START_FIRST: by name and generation). */
export function matchContainers(declared: readonly DeclaredContainer[], engine: readonly EngineContainer[]): ContainerMatch {
  const used = new Set<string>();
  const found = declared.map((d) => {
    const containers = engine.filter((c) => isContainerOf(d, c.name)).sort((a, b) => a.name.localeCompare(b.name));
    for (const c of containers) used.add(c.id);
    return { declared: d, containers };
  });
  return { found, others: engine.filter((c) => !used.has(c.id)).sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * The engine's containers of the stack, running or not: those labelled with the stack's name
 * prefix, and those named as declared (a stack written on the raw bindings has no labels).
 * One list call per name prefix, and one for declared containers the labels did not find.
 */
export async function listStackContainers(docker: Docker, declared: readonly DeclaredContainer[]): Promise<EngineContainer[]> {
  const prefixes = [...new Set(declared.map((d) => d.stackLabel).filter((p): p is string => p !== undefined))];
  const toEngine = (info: Docker.ContainerInfo): EngineContainer => ({ id: info.Id, name: (info.Names[0] ?? info.Id).replace(/^\//, ''), labels: info.Labels ?? {} });
  // Several label values in one filter must all match: one call per prefix (a stack has one).
  const byLabel = (await Promise.all(prefixes.map((p) => docker.listContainers({ all: true, filters: { label: [`${CDS_LABELS.stack}=${p}`] } })))).flat().map(toEngine);
  const unlabelled = declared.filter((d) => !byLabel.some((c) => isContainerOf(d, c.name)));
  const byName =
    unlabelled.length > 0 ? (await docker.listContainers({ all: true, filters: { name: unlabelled.map((d) => `^/${escapeRegExp(d.name)}`) } })).map(toEngine) : [];
  const all = new Map([...byLabel, ...byName].map((c) => [c.id, c]));
  return [...all.values()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
