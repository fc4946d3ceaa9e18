import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { port, servicePropsSchema } from './private/service-schema';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { KindProps, Service } from './service';
import { Size } from './size';
import { NamedVolume } from './volume';

export const OLLAMA_DEFAULT_IMAGE = 'ollama/ollama:0.6.5';
export const OLLAMA_PORT = Port.tcp(11434);
/** Where Ollama keeps downloaded models. */
export const OLLAMA_MODELS_PATH = '/root/.ollama';

export interface OllamaProps extends KindProps {
  /**
   * How long a model stays loaded after its last request (OLLAMA_KEEP_ALIVE).
   * @default - Ollama's default (5 minutes)
   */
  readonly keepAlive?: Duration;
  /**
   * Models loaded at once (OLLAMA_MAX_LOADED_MODELS).
   * @default - Ollama's default
   */
  readonly maxLoadedModels?: number;
  /**
   * Publish the API on the host (127.0.0.1 unless `public`).
   * @default - not published
   */
  readonly hostPort?: Port;
  /**
   * Volume for the models, so a replaced container does not download them again.
   * @default - a NamedVolume `<prefix>-<id>-models`
   */
  readonly modelsVolume?: NamedVolume;
}

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    keepAlive: zInstance(Duration, fix('not a Duration', 'use Duration.minutes(n)')).optional(),
    maxLoadedModels: z.number().int().min(1).max(16).optional(),
    hostPort: port.optional(),
    modelsVolume: zInstance(NamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict();

/**
 * Ollama, probed with `ollama list` (the image has no curl or wget), models in a named volume.
 * Defaults to 2 cores and 4 GiB: small models need that much to load.
 */
export class Ollama extends Service {
  readonly modelsVolume: NamedVolume;

  constructor(scope: Construct, id: string, props: OllamaProps = {}) {
    const p = parseProps(childPath(scope, id), propsSchema, props) as OllamaProps;
    const { keepAlive, maxLoadedModels, hostPort, modelsVolume, ...serviceProps } = p;
    super(scope, id, {
      image: ContainerImage.fromRegistry(OLLAMA_DEFAULT_IMAGE),
      healthCheck: HealthCheck.command(['ollama', 'list'], {
        interval: Duration.seconds(15),
        timeout: Duration.seconds(10),
        retries: 3,
        startPeriod: Duration.seconds(20),
      }),
      cpuLimit: Cpu.cores(2),
      memoryLimit: Size.gibibytes(4),
      stopGracePeriod: Duration.seconds(30),
      ...serviceProps,
      environment: {
        OLLAMA_HOST: `0.0.0.0:${OLLAMA_PORT.number}`,
        ...(keepAlive ? { OLLAMA_KEEP_ALIVE: keepAlive.toGoString() } : {}),
        ...(maxLoadedModels ? { OLLAMA_MAX_LOADED_MODELS: String(maxLoadedModels) } : {}),
        ...serviceProps.environment,
      },
      ports: [...(serviceProps.ports ?? []), ...(hostPort ? [{ containerPort: OLLAMA_PORT, hostPort }] : [])],
    });
    this.modelsVolume = modelsVolume ?? new NamedVolume(this, 'models');
    this.mountVolume(this.modelsVolume, OLLAMA_MODELS_PATH);
  }

  /** `http://<host>:11434`, for services on a shared network. */
  get url(): string {
    return `http://${this.hostname}:${OLLAMA_PORT.number}`;
  }
}
