import { DockerStackProps, NginxProxyProps, Port, ProxyTls } from '../constructs';
import { HTTPS_HOST_PORT_SUFFIX, StacksConfig } from './config';
import { StackImages } from './images';

/** What every documented stack takes: its images and the host ports the configuration sets. */
export interface SeedStackProps extends DockerStackProps {
  readonly images: StackImages;
  /**
   * Host ports by service, from the configuration's `hostPorts` ("<stack>.<service>").
   * @default - each stack's documented ports
   */
  readonly hostPorts?: Readonly<Record<string, number>>;
  /**
   * HTTPS for reverse proxies, from the configuration's `tls` ("<stack>.<service>").
   * @default - HTTP only
   */
  readonly tls?: Readonly<Record<string, ProxyTls>>;
}

/** The host port for `service` in `stack`: the configured one, else the documented default. */
export function hostPort(stack: string, props: SeedStackProps, service: string, fallback: number): Port {
  return Port.tcp(props.hostPorts?.[`${stack}.${service}`] ?? fallback);
}

/**
 * HTTPS for the proxy `service` in `stack`, as NginxProxy props: with a configured certificate
 * directory, `tls` and an HTTPS host port (hostPorts "<stack>.<service>-https", else
 * `httpsFallback`); without one, nothing (HTTP only, the proxy unchanged).
 */
export function proxyTls(stack: string, props: SeedStackProps, service: string, httpsFallback: number): Pick<NginxProxyProps, 'tls' | 'httpsPort'> {
  const tls = props.tls?.[`${stack}.${service}`];
  return tls ? { tls, httpsPort: hostPort(stack, props, `${service}${HTTPS_HOST_PORT_SUFFIX}`, httpsFallback) } : {};
}

/** Props for stack `id` from the configuration. */
export function seedStackProps(id: string, config: StacksConfig, images: StackImages): SeedStackProps {
  return {
    images,
    hostPorts: config.hostPorts,
    tls: config.tls,
    dockerHost: config.dockerHost,
    namePrefix: config.namePrefix ? `${config.namePrefix}-${id}` : id,
  };
}

/** The part of the props DockerStack itself takes. */
export function stackOnly(props: SeedStackProps): DockerStackProps {
  return { namePrefix: props.namePrefix, dockerHost: props.dockerHost };
}
