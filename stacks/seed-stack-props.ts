import { DockerStackProps, Port } from '../constructs';
import { StacksConfig } from './config';
import { StackImages } from './images';

/** What every documented stack takes: its images and the host ports the configuration sets. */
export interface SeedStackProps extends DockerStackProps {
  readonly images: StackImages;
  /**
   * Host ports by service, from the configuration's `hostPorts` ("<stack>.<service>").
   * @default - each stack's documented ports
   */
  readonly hostPorts?: Readonly<Record<string, number>>;
}

/** The host port for `service` in `stack`: the configured one, else the documented default. */
export function hostPort(stack: string, props: SeedStackProps, service: string, fallback: number): Port {
  return Port.tcp(props.hostPorts?.[`${stack}.${service}`] ?? fallback);
}

/** Props for stack `id` from the configuration. */
export function seedStackProps(id: string, config: StacksConfig, images: StackImages): SeedStackProps {
  return {
    images,
    hostPorts: config.hostPorts,
    dockerHost: config.dockerHost,
    namePrefix: config.namePrefix ? `${config.namePrefix}-${id}` : id,
  };
}

/** The part of the props DockerStack itself takes. */
export function stackOnly(props: SeedStackProps): DockerStackProps {
  return { namePrefix: props.namePrefix, dockerHost: props.dockerHost };
}
