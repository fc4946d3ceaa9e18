import { Construct } from 'constructs';
import { AsgiServer, ChromaDb, DockerStack, Duration, HealthCheck, NginxProxy, Ollama, Port, Postgres, ProbeTool, PythonApi, Secret, StackNetwork, UpdateOrder } from '../constructs';
import { dataPlacement, entryPointPlacement, hostPort, replicasOf, SeedStackProps, stackOnly } from './seed-stack-props';

/**
 * Seed 004 (my-ia): a FastAPI app (`uvicorn app.main:app`, :8080, /health, /docs, /metrics)
 * with Ollama, ChromaDB, Postgres 16 and a frontend, on an internal and an external network.
 * The app's image is a parameter: rebuilding or rolling back to a tagged image replaces only
 * the app container; data lives in named volumes that no deploy or destroy removes.
 *
 * The seed's zero-downtime switch (method 3: a new container beside the old one, checked
 * healthy, then swapped) is the app's UpdateOrder.START_FIRST. The app therefore publishes no
 * host port itself: the frontend proxy holds both entry points, 127.0.0.1:8400 (the seed's
 * frontend on 3000) and the app's 127.0.0.1:8480 (the seed's 8080), and follows the app's name
 * from the old container to the new one.
 *
 * On a Swarm target the app runs `replicas` "my-ia.app" tasks (default 2), Postgres, Ollama and
 * ChromaDB are pinned to the target's `dataNode`, and the frontend proxy, the entry point, runs
 * on every node (global mode) and publishes both its ports on every node's address.
 */
export class MyIaStack extends DockerStack {
  readonly app: PythonApi;

  constructor(scope: Construct, id: string, props: SeedStackProps) {
    super(scope, id, stackOnly(props));
    const internal = new StackNetwork(this, 'internal', { internal: true });
    const external = new StackNetwork(this, 'external');

    const postgres = new Postgres(this, 'postgres', {
      image: props.images.image('postgres16'),
      user: 'myia',
      database: 'myia',
      // From the environment, not generated: a generated password lives in the Terraform state,
      // which a destroy deletes while the data volume stays, and the next deploy's new password
      // would not open the existing database.
      password: Secret.fromVariable('my_ia_postgres_password'),
      networks: [{ network: internal }],
      ...dataPlacement(props),
    });
    const ollama = new Ollama(this, 'ollama', { image: props.images.image('ollama'), networks: [{ network: internal }], ...dataPlacement(props) });
    const chroma = new ChromaDb(this, 'chroma', { image: props.images.image('chroma'), networks: [{ network: internal }], ...dataPlacement(props) });

    const appPort = Port.tcp(8080);
    this.app = new PythonApi(this, 'app', {
      image: props.images.image('app'),
      app: 'app.main:app',
      server: AsgiServer.uvicorn({ workers: 1 }),
      port: appPort,
      // The seed's own check: 30s interval, 5s timeout, 3 retries, 40s start period.
      healthCheck: HealthCheck.httpGet('/health', {
        port: appPort,
        tool: ProbeTool.PYTHON,
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(40),
      }),
      updateOrder: UpdateOrder.START_FIRST,
      replicas: replicasOf(this, props, 'app'),
      networks: [{ network: internal }, { network: external }],
      environment: { APP_NAME: 'my-ia', OLLAMA_HOST: ollama.url, CHROMA_HOST: chroma.url },
      secrets: { DATABASE_URL: postgres.connectionUrl, API_KEY: Secret.fromVariable('my_ia_api_key') },
      dependsOn: [postgres, ollama, chroma],
    });

    new NginxProxy(this, 'frontend', {
      image: props.images.image('nginx'),
      probeTool: props.images.nginxProbe,
      routes: [{ path: '/', upstream: this.app, upstreamPort: appPort }],
      httpPort: hostPort(this, props, 'frontend', 8400),
      // Every upstream is a container on this engine's bridge: a connection is made at once or
      // the address is gone (an app container removed a moment ago, still in nginx's DNS
      // cache), so a short connect timeout moves on to the new container quickly.
      connectTimeout: Duration.seconds(1),
      // The app's own port, held here so that it stays bound while the app is replaced.
      listeners: [{ hostPort: hostPort(this, props, 'app', 8480), routes: [{ path: '/', upstream: this.app, upstreamPort: appPort }] }],
      public: false,
      networks: [{ network: internal }, { network: external }],
      ...entryPointPlacement(props),
    });
  }
}
