import type { Port } from './port';

/** A published port as rendered: host address and port, container port. */
export interface PublishedPort {
  readonly hostIp: string;
  readonly hostPort: Port;
  readonly containerPort: Port;
}
