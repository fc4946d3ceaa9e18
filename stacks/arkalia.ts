import { Construct } from 'constructs';
import { AsgiServer, DockerStack, NginxProxy, PythonApi, StackNetwork } from '../constructs';
import { entryPointPlacement, hostPort, onSwarm, replicasOf, SeedStackProps, stackOnly } from './seed-stack-props';

/**
 * Seed 001 (Arkalia-LUNA): one FastAPI service on :8000 with /health, published on 127.0.0.1:8100
 * (seed 001's block of the host port scheme, seed-stack-props.ts). The seed's CI failed
 * because its health check imported `requests`, which the image lacked; the PythonApi kind
 * probes with Python's standard library only, and the CDS-HEALTHCHECK-TOOL rule rejects a
 * check calling a tool the image is known to lack.
 *
 * On a Swarm target, where a loopback port cannot be had, the api publishes nothing and runs
 * `replicas` "arkalia.api" tasks (default 2): an nginx proxy, the entry point, runs on every
 * node (global mode) and publishes hostPorts "arkalia.nginx" (8100) on every node's address.
 * The stack keeps no data, so nothing is pinned.
 */
export class ArkaliaStack extends DockerStack {
  readonly api: PythonApi;

  constructor(scope: Construct, id: string, props: SeedStackProps) {
    super(scope, id, stackOnly(props));
    const frontend = new StackNetwork(this, 'frontend');
    this.api = new PythonApi(this, 'api', {
      image: props.images.image('app'),
      app: 'app.main:app',
      server: AsgiServer.uvicorn({ workers: 1 }),
      ...(onSwarm(props) ? {} : { hostPort: hostPort(this, props, 'api', 8100) }),
      replicas: replicasOf(this, props, 'api'),
      networks: [{ network: frontend }],
      environment: { APP_NAME: 'arkalia-api', ENVIRONMENT: 'production' },
    });
    if (onSwarm(props)) {
      new NginxProxy(this, 'nginx', {
        image: props.images.image('nginx'),
        probeTool: props.images.nginxProbe,
        routes: [{ path: '/', upstream: this.api, upstreamPort: this.api.port }],
        httpPort: hostPort(this, props, 'nginx', 8100),
        networks: [{ network: frontend }],
        ...entryPointPlacement(props),
      });
    }
  }
}
