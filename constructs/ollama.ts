import { Construct } from 'constructs';
import { z } from 'zod';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { port, servicePropsSchema } from './private/service-schema';
import { addProblem, childPath, fix, parseProps, zInstance } from './private/validation';
import { brand } from './private/brand';
import { KindProps, Service } from './service';
import { OLLAMA_MAX_LOADED_MODELS_MAX, OLLAMA_MAX_LOADED_MODELS_MIN } from './limits';
import { Size } from './size';
import { NamedVolume } from './volume';

/** Default image: a pinned release. */
export const OLLAMA_DEFAULT_IMAGE = 'ollama/ollama:0.6.5';
/** Port Ollama serves its API on inside the container (OLLAMA_HOST). */
export const OLLAMA_PORT = Port.tcp(11434);
/** Where Ollama keeps downloaded models. */
export const OLLAMA_MODELS_PATH = '/root/.ollama';

/** Props of Ollama: a Service's props (image and health check defaulted) plus its own settings. */
export interface OllamaProps extends KindProps {
  /**
   * How long a model stays loaded after its last request (OLLAMA_KEEP_ALIVE, in Go form).
   * Setting OLLAMA_KEEP_ALIVE in `environment` or `secrets` as well is an error.
   * @default - Ollama's default (5 minutes)
   */
  readonly keepAlive?: Duration;
  /**
   * Models loaded at once (OLLAMA_MAX_LOADED_MODELS), 1-16. Setting OLLAMA_MAX_LOADED_MODELS
   * in `environment` or `secrets` as well is an error.
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
  /**
   * Ollama image.
   * @default ContainerImage.fromRegistry("ollama/ollama:0.6.5")
   */
  readonly image?: ContainerImage;
  /**
   * Health check (the image has no curl).
   * @default - `ollama list` every 15 s, timeout 10 s, 3 retries, after a 20 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * CPU limit.
   * @default Cpu.cores(2)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled. Loaded models live in it.
   * @default Size.gibibytes(4)
   */
  readonly memoryLimit?: Size;
  /**
   * Time Ollama gets on stop before it is killed.
   * @default Duration.seconds(30)
   */
  readonly stopGracePeriod?: Duration;
}

const maxLoadedFix = `use a whole number from ${OLLAMA_MAX_LOADED_MODELS_MIN} to ${OLLAMA_MAX_LOADED_MODELS_MAX}`;

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    keepAlive: zInstance(Duration.isDuration, fix('not a Duration', 'use Duration.minutes(n)')).optional(),
    maxLoadedModels: z
      .number(fix('not a number', maxLoadedFix))
      .int(fix('maxLoadedModels must be whole', maxLoadedFix))
      .min(OLLAMA_MAX_LOADED_MODELS_MIN, fix(`maxLoadedModels below ${OLLAMA_MAX_LOADED_MODELS_MIN}`, maxLoadedFix))
      .max(OLLAMA_MAX_LOADED_MODELS_MAX, fix(`maxLoadedModels above ${OLLAMA_MAX_LOADED_MODELS_MAX}`, maxLoadedFix))
      .optional(),
    hostPort: port.optional(),
    modelsVolume: zInstance(NamedVolume.isNamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // The environment would silently win over the typed prop (or, in secrets, clash with it).
    for (const [prop, key] of [['keepAlive', 'OLLAMA_KEEP_ALIVE'], ['maxLoadedModels', 'OLLAMA_MAX_LOADED_MODELS']] as const) {
      for (const field of ['environment', 'secrets'] as const) {
        if (p[prop] !== undefined && p[field] && key in p[field]) {
          addProblem(ctx, [field, key], `${prop} sets ${key}`, `give either ${prop} or ${field}.${key}, not both`);
        }
      }
    }
  });

/**
 * Ollama, probed with `ollama list` (the image has no curl or wget), models in a named volume.
 * Defaults to 2 cores and 4 GiB: small models need that much to load.
 */
export class Ollama extends Service {
  /** Volume at /root/.ollama holding the downloaded models: `modelsVolume`, else one created as the child `models`. */
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
    brand(this, 'Ollama');
    this.modelsVolume = modelsVolume ?? new NamedVolume(this, 'models');
    this.mountVolume(this.modelsVolume, OLLAMA_MODELS_PATH);
  }

  /** `http://<host>:11434`, for services on a shared network. */
  get url(): string {
    return `http://${this.hostname}:${OLLAMA_PORT.number}`;
  }
}
