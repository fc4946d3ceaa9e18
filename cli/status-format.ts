import { shortDuration, type ContainerStatus, type PortBinding, type StackStatus } from './status';

/** Colours for a terminal; identity functions otherwise. */
export interface Paint {
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly dim: (text: string) => string;
}

export const NO_PAINT: Paint = { good: (t) => t, bad: (t) => t, dim: (t) => t };
export const ANSI_PAINT: Paint = { good: (t) => `\x1b[32m${t}\x1b[0m`, bad: (t) => `\x1b[31m${t}\x1b[0m`, dim: (t) => `\x1b[2m${t}\x1b[0m` };

/** `127.0.0.1:8380->8000/tcp`, as `docker ps` writes a binding. */
export function formatPort(p: PortBinding): string {
  return `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`;
}

function imageCell(c: ContainerStatus): string {
  const reference = c.image.synthesized ?? c.image.deployedId?.slice(0, 19) ?? '-';
  if (c.image.state === 'outdated') return `${reference} (outdated)`;
  if (c.image.state === 'unknown' && c.state !== 'missing' && c.image.synthesized) return `${reference} (not on the engine)`;
  return reference;
}

function exitCell(c: ContainerStatus): string {
  const code = c.exitCode === undefined ? '-' : String(c.exitCode);
  return c.oomKilled ? `${code} OOM` : code;
}

/** Lays out rows in columns two spaces apart; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

/**
 * The status as a table, one row per container, then each container's problems and notes:
 * what `docker compose ps` shows, with restart counts, OOM kills, last exit codes and why a
 * health check fails.
 */
export function formatStatus(status: StackStatus, paint: Paint = NO_PAINT): string {
  const declared = status.containers.filter((c) => c.declared);
  const healthy = declared.filter((c) => c.ok).length;
  const verdict = status.ok ? paint.good(`all ${declared.length} containers running healthy`) : paint.bad(`${healthy} of ${declared.length} containers running healthy`);
  const header = ['SERVICE', 'CONTAINER', 'STATE', 'HEALTH', 'RESTARTS', 'EXIT', 'UPTIME', 'IMAGE', 'PORTS'];
  const rows = status.containers.map((c) => [
    c.service,
    c.container,
    c.state,
    c.health === 'none' ? '-' : c.health,
    String(c.restartCount),
    exitCell(c),
    c.uptimeSeconds === undefined ? '-' : shortDuration(c.uptimeSeconds),
    imageCell(c),
    c.ports.length === 0 ? '-' : c.ports.map(formatPort).join(', '),
  ]);
  const lines = columns([header, ...rows]).map((line, i) => (i === 0 ? line : status.containers[i - 1].ok ? line : paint.bad(line)));
  const details = status.containers.flatMap((c) =>
    c.problems.length + c.notes.length === 0
      ? []
      : [`${c.service} (${c.container}):`, ...c.problems.map((p) => `  ${paint.bad(p)}`), ...c.notes.map((n) => `  ${paint.dim(`note: ${n}`)}`)],
  );
  return [`${status.stack} on ${status.engine}: ${verdict}`, '', ...lines, ...(details.length > 0 ? ['', ...details] : [])].join('\n');
}
