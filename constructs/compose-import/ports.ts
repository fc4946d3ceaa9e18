import { scalarText } from './merge';

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
 * `"127.0.0.1::80"`, `"[::1]:8080:80"`, or the long form. Returns why when it cannot be
 * imported (a range, an unknown protocol).
 */
export function parsePort(value: unknown): ParsedPort[] | string {
  if (typeof value === 'number') return [{ target: value, protocol: 'tcp' }];
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const protocol = v.protocol === undefined ? 'tcp' : scalarText(v.protocol);
    if (protocol !== 'tcp' && protocol !== 'udp') return `protocol ${protocol}: only tcp and udp`;
    const published = v.published === undefined ? undefined : scalarText(v.published);
    if (published !== undefined && !/^\d+$/.test(published)) return `published port ${published}: a range cannot be imported`;
    return [{ target: Number(v.target), ...(published !== undefined ? { published: Number(published) } : {}), ...(typeof v.host_ip === 'string' ? { hostIp: v.host_ip } : {}), protocol }];
  }
  const text = String(value);
  const match = /^(?:(\[[^\]]+\]|[^:[\]]+):)??(?:([^:]*):)?([^:/]+)(?:\/(\w+))?$/.exec(text);
  if (!match) return `"${text}" is not a port mapping`;
  const [, ip, host, container, protocol = 'tcp'] = match;
  if (protocol !== 'tcp' && protocol !== 'udp') return `protocol ${protocol}: only tcp and udp`;
  if (container.includes('-') || (host ?? '').includes('-')) return `"${text}" is a port range: publish each port on its own line`;
  if (!/^\d+$/.test(container) || (host !== undefined && host !== '' && !/^\d+$/.test(host))) return `"${text}" is not a port mapping`;
  return [
    {
      target: Number(container),
      ...(host !== undefined && host !== '' ? { published: Number(host) } : {}),
      ...(ip !== undefined ? { hostIp: ip.replace(/^\[|\]$/g, '') } : {}),
      protocol,
    },
  ];
}
