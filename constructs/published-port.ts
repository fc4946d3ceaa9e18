import type { Port } from './port';

/** A published port as rendered: host address and port, container port. */
export interface PublishedPort {
  /** Host address the port is bound to: `127.0.0.1` unless the mapping or a public service (`0.0.0.0`) says otherwise. */
  readonly hostIp: string;
  /** Port on the host: the mapping's `hostPort`, else the container port's number. */
  readonly hostPort: Port;
  /** Port inside the container. */
  readonly containerPort: Port;
}
