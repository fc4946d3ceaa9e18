import { scalarText } from './compose-map';

/** One published port of a compose service, whatever syntax it was written in. */
export interface ParsedPort {
  readonly target: number;
  /** Host port; undefined when compose would pick one. */
  readonly published?: number;
  readonly hostIp?: string;
  readonly protocol: 'tcp' | 'udp';
}

/**
 * A `ports` item in any compose syntax: `80`, `"8080:80"`, `"127.0.0.1:8080:80/udp"`,
 * `"127.0.0.1::80"`, `"[::1]:8080:80"`, ranges (`"8000-8002:8000-8002"`, one mapping per
 * port, as compose publishes them), or the long form. Returns why when it cannot be imported
 * (an unknown protocol, a host range for one container port, ranges of different lengths).
 */
export function parsePort(value: unknown): ParsedPort[] | string {
  if (typeof value === 'number') return [{ target: value, protocol: 'tcp' }];
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const protocol = v.protocol === undefined ? 'tcp' : scalarText(v.protocol);
    if (protocol !== 'tcp' && protocol !== 'udp') return `protocol ${protocol}: only tcp and udp`;
    const published = v.published === undefined ? undefined : scalarText(v.published);
    if (published !== undefined && !/^\d+$/.test(published)) return `published port ${published} asks for any free host port of a range: publish one host port`;
    return [{ target: Number(v.target), ...(published !== undefined ? { published: Number(published) } : {}), ...(typeof v.host_ip === 'string' ? { hostIp: v.host_ip } : {}), protocol }];
  }
  const text = String(value);
  const match = /^(?:(\[[^\]]+\]|[^:[\]]+):)??(?:([^:]*):)?([^:/]+)(?:\/(\w+))?$/.exec(text);
  if (!match) return `"${text}" is not a port mapping`;
  const [, ip, host, container, protocol = 'tcp'] = match;
  if (protocol !== 'tcp' && protocol !== 'udp') return `protocol ${protocol}: only tcp and udp`;
  const targets = portRange(container);
  const hasHost = host !== undefined && host !== '';
  const published = hasHost ? portRange(host) : undefined;
  if (targets === undefined || (hasHost && published === undefined)) return `"${text}" is not a port mapping`;
  // compose publishes a range port by port; a host range for one container port means "any free one of them".
  if (published !== undefined && published.length !== targets.length) {
    return targets.length === 1 ? `"${text}" asks for any free host port of a range: publish one host port` : `"${text}": the host and container ranges differ in length`;
  }
  return targets.map((target, i) => ({
    target,
    ...(published !== undefined ? { published: published[i] } : {}),
    ...(ip !== undefined ? { hostIp: ip.replace(/^\[|\]$/g, '') } : {}),
    protocol,
  }));
}

/** `8000` or `8000-8002` as its ports; undefined when it is neither. */
function portRange(text: string): number[] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] !== undefined ? Number(match[2]) : first;
  if (last < first) return undefined;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
