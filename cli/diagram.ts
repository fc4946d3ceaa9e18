import type { StackTopology, TopologyService } from '../constructs/private/topology';

/**
 * A Mermaid flowchart of a stack, from its topology (read from the construct tree at synth):
 *
 * - a box per service with its image (a cylinder when it writes to a named volume), `×N` for
 *   replicas, `start-first`, `no health check`, `host network` when they apply;
 * - services grouped by the networks they join: one group per set of networks, titled with the
 *   Docker network names, `(internal)` marking internal ones, since Mermaid puts a node in one
 *   group only;
 * - an arrow from a service to each service it waits for (`dependsOn`: created once that one is healthy);
 * - a circle per published port with its host address, an arrow to the service labelled with
 *   the container port;
 * - a cylinder per named volume, linked to each service mounting it (`ro` when read-only).
 *
 * Deterministic: services and networks in construct order, so the README's diagrams can be
 * compared with it.
 */
export function renderMermaid(topology: StackTopology): string {
  const internal = new Map(topology.networks.map((n) => [n.name, n.internal]));
  const networkTitle = (name: string): string => (internal.get(name) ? `${name} (internal)` : name);
  const lines: string[] = ['graph LR'];

  const groups = new Map<string, TopologyService[]>();
  for (const service of topology.services) {
    const key = service.networks.join('\n');
    groups.set(key, [...(groups.get(key) ?? []), service]);
  }
  let groupIndex = 0;
  for (const [key, services] of groups) {
    if (key === '') {
      for (const s of services) lines.push(`  ${serviceNode(s)}`);
      continue;
    }
    groupIndex += 1;
    lines.push(`  subgraph net${groupIndex} ["${escape(key.split('\n').map(networkTitle).join(' + '))}"]`);
    for (const s of services) lines.push(`    ${serviceNode(s)}`);
    lines.push('  end');
  }
  const joined = new Set(topology.services.flatMap((s) => s.networks));
  topology.networks
    .filter((n) => !joined.has(n.name))
    .forEach((n, i) => lines.push(`  unused${i + 1}{{"${escape(`${networkTitle(n.name)}: no service`)}"}}`));

  for (const s of topology.services) {
    for (const p of s.ports) {
      lines.push(`  ${portId(p.hostIp, p.hostPort, p.protocol)}(("${escape(`${p.hostIp}:${p.hostPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`)}")) -->|"${escape(`:${p.containerPort}`)}"| ${serviceId(s.name)}`);
    }
  }
  for (const s of topology.services) {
    for (const d of s.dependsOn) lines.push(`  ${serviceId(s.name)} --> ${serviceId(d)}`);
  }
  const volumes: string[] = [];
  for (const s of topology.services) {
    for (const m of s.volumes) {
      const first = !volumes.includes(m.volume);
      if (first) volumes.push(m.volume);
      const id = `vol${volumes.indexOf(m.volume) + 1}`;
      const node = first ? `${id}[("${escape(m.volume)}")]` : id;
      lines.push(`  ${serviceId(s.name)} ${m.readOnly ? '---|"ro"|' : '---'} ${node}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function serviceNode(s: TopologyService): string {
  const traits = [
    s.containerNames.length > 1 ? `×${s.containerNames.length}` : undefined,
    s.startFirst ? 'start-first' : undefined,
    s.healthCheck ? undefined : 'no health check',
    s.hostNetwork ? 'host network' : undefined,
  ].filter((t): t is string => t !== undefined);
  const label = `${escape(s.name)}${traits.length > 0 ? ` ${escape(traits.join(', '))}` : ''}<br/>${escape(s.image)}`;
  const stateful = s.volumes.some((m) => !m.readOnly);
  return stateful ? `${serviceId(s.name)}[("${label}")]` : `${serviceId(s.name)}["${label}"]`;
}

function serviceId(name: string): string {
  return `svc_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
}

function portId(hostIp: string, hostPort: number, protocol: string): string {
  return `port_${hostIp.replace(/[^a-zA-Z0-9]/g, '_')}_${hostPort}_${protocol}`;
}

/** Mermaid entity codes for what would end or break a quoted label. */
function escape(text: string): string {
  return text.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
