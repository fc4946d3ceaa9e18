import * as fs from 'fs';
import * as path from 'path';
import madge from 'madge';

const CONSTRUCTS = path.resolve(__dirname, '..', '..', 'constructs');

/** Every module of the library, relative to constructs/ (e.g. `network.ts`, `rules/port-collision.ts`). */
function libraryModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path.relative(CONSTRUCTS, full));
    }
  };
  walk(CONSTRUCTS);
  return found.sort();
}

describe('the module graph of constructs/', () => {
  it('has no import cycle, type-only imports included', async () => {
    // Given every module of the library
    // When madge follows every import, `import type` too
    const graph = await madge(CONSTRUCTS, { fileExtensions: ['ts'], detectiveOptions: { ts: { skipTypeImports: false } } });

    // Then no module reaches itself
    expect(graph.circular()).toEqual([]);
  });

  it.each(libraryModules())('works when %s is the first module a consumer loads', (first) => {
    // Given a fresh module registry in which `first` is loaded before anything else
    jest.isolateModules(() => {
      require(path.join(CONSTRUCTS, first));
      const lib = require(path.join(CONSTRUCTS, 'index')) as typeof import('../../constructs');
      const { Testing } = require('cdktf') as typeof import('cdktf');

      // When a stack with a network, a volume and two dependent services is built and synthesized
      const stack = new lib.DockerStack(Testing.app(), 'load-order');
      const network = new lib.StackNetwork(stack, 'net');
      const volume = new lib.NamedVolume(stack, 'data');
      const db = new lib.Postgres(stack, 'db', { password: lib.Secret.fromVariable('load_order_password'), networks: [{ network }] });
      const api = new lib.Service(stack, 'api', {
        image: lib.ContainerImage.fromRegistry('example/api:1.0.0'),
        healthCheck: lib.HealthCheck.command(['true']),
        networks: [{ network }],
        volumes: [{ volume, target: '/data' }],
        dependsOn: [db],
      });
      const json = JSON.parse(Testing.synth(stack, true)) as { resource: { docker_container: Record<string, { name: string; depends_on?: string[] }> } };

      // Then the service joined the network, mounted the volume and waits for the database
      const container = Object.values(json.resource.docker_container).find((c) => c.name === 'load-order-api');
      expect(container).toMatchObject({ mounts: [{ source: 'load-order-data', target: '/data' }], networks_advanced: [{ aliases: ['api'] }] });
      expect(container?.depends_on).toEqual([expect.stringMatching(/^docker_container\.db_[A-Z0-9]+$/)]);
      expect(lib.Service.isService(api)).toBe(true);
    });
  });

  it('recognises constructs and values made by another installed copy of the package', () => {
    // Given two copies of the library, as when an app and a construct package each install one
    let copyA: typeof import('../../constructs') | undefined;
    let copyB: typeof import('../../constructs') | undefined;
    jest.isolateModules(() => {
      copyA = require(path.join(CONSTRUCTS, 'index')) as typeof import('../../constructs');
    });
    jest.isolateModules(() => {
      copyB = require(path.join(CONSTRUCTS, 'index')) as typeof import('../../constructs');
    });
    const a = copyA as typeof import('../../constructs');
    const b = copyB as typeof import('../../constructs');
    expect(a.Service).not.toBe(b.Service);

    // When a stack and network of copy A are used by a service of copy B, with values of copy A
    const { Testing } = require('cdktf') as typeof import('cdktf');
    const stack = new a.DockerStack(Testing.app(), 'two-copies');
    const network = new a.StackNetwork(stack, 'net');
    new b.Service(stack, 'api', {
      image: a.ContainerImage.fromRegistry('example/api:1.0.0'),
      healthCheck: a.HealthCheck.command(['true'], { interval: a.Duration.seconds(5) }),
      memoryLimit: a.Size.mebibytes(256),
      networks: [{ network }],
    });

    // Then everything is accepted and the stack's rules see the service
    const json = JSON.parse(Testing.synth(stack, true)) as { resource: { docker_container: Record<string, { name: string; memory: number }> } };
    expect(Object.values(json.resource.docker_container)).toEqual([expect.objectContaining({ name: 'two-copies-api', memory: 256 })]);
    expect(a.Service.isService(stack.node.findChild('api'))).toBe(true);
  });
});
