import type Docker from 'dockerode';
import { CDS_LABELS } from '../../cli/labels';

/** One container of the stand-in engine: what `docker inspect` answers, possibly late or never. */
export interface FakeContainer {
  readonly name: string;
  readonly stack: string;
  readonly service: string;
  /** Called on each inspect: return the answer, or a promise that never settles for a hung engine. */
  readonly inspect: () => Docker.ContainerInspectInfo | Promise<Docker.ContainerInspectInfo>;
}

/** Image ids the stand-in engine knows, by reference. */
export type FakeImages = Readonly<Record<string, string>>;

/** Counts of the engine calls a command made. */
export interface FakeCalls {
  list: number;
  inspect: number;
}

/**
 * A stand-in for dockerode's client with only the calls `status` makes (list, inspect, image
 * inspect), so the command's loop, interrupts and timeouts are tested without an engine. The
 * engine's own answers are tested on the real engine (test/e2e/status-logs.e2e.test.ts).
 */
export function fakeDocker(containers: readonly FakeContainer[], images: FakeImages, calls: FakeCalls = { list: 0, inspect: 0 }): Docker {
  const client = {
    listContainers(options: { filters?: { label?: string[] } }): Promise<Docker.ContainerInfo[]> {
      calls.list++;
      const wanted = options.filters?.label?.[0];
      return Promise.resolve(
        containers
          .filter((c) => wanted === undefined || wanted === `${CDS_LABELS.stack}=${c.stack}`)
          .map((c) => ({ Id: `id-${c.name}`, Names: [`/${c.name}`], Labels: { [CDS_LABELS.stack]: c.stack, [CDS_LABELS.service]: c.service } }) as unknown as Docker.ContainerInfo),
      );
    },
    getContainer(id: string) {
      const container = containers.find((c) => `id-${c.name}` === id);
      return {
        inspect: () => {
          calls.inspect++;
          return container ? Promise.resolve(container.inspect()) : Promise.reject(Object.assign(new Error('no such container'), { statusCode: 404 }));
        },
      };
    },
    getImage(name: string) {
      return {
        inspect: () => (images[name] ? Promise.resolve({ Id: images[name] }) : Promise.reject(Object.assign(new Error('no such image'), { statusCode: 404 }))),
      };
    },
  };
  return client as unknown as Docker;
}

export const IMAGE_ID = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

/** `docker inspect` of a running container, healthy unless `health` says otherwise. */
export function runningContainer(name: string, health: 'healthy' | 'unhealthy' | 'starting' = 'healthy'): Docker.ContainerInspectInfo {
  return {
    Name: `/${name}`,
    Image: IMAGE_ID,
    RestartCount: 0,
    Config: { Tty: false },
    State: {
      Status: 'running',
      Running: true,
      OOMKilled: false,
      ExitCode: 0,
      Error: '',
      StartedAt: new Date(Date.now() - 60_000).toISOString(),
      FinishedAt: '0001-01-01T00:00:00Z',
      Health: { Status: health, FailingStreak: health === 'unhealthy' ? 3 : 0, Log: [{ Start: '', End: new Date().toISOString(), ExitCode: health === 'healthy' ? 0 : 1, Output: health === 'healthy' ? '' : 'probe failed' }] },
    },
    HostConfig: { Memory: 0, PortBindings: {} },
  } as unknown as Docker.ContainerInspectInfo;
}
