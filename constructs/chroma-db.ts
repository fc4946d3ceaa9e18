import { Construct } from 'constructs';
import { Cpu } from './cpu';
import { Duration } from './duration';
import { HealthCheck, ProbeTool } from './health-check';
import { ContainerImage } from './image';
import { Port } from './port';
import { port, servicePropsSchema } from './private/service-schema';
import { childPath, fix, parseProps, zInstance } from './private/validation';
import { brand } from './private/brand';
import { KindProps, Service } from './service';
import { Size } from './size';
import { NamedVolume } from './volume';

/** A pinned 1.x release: 1.x moved the heartbeat to /api/v2 and the data to /data. */
export const CHROMA_DEFAULT_IMAGE = 'chromadb/chroma:1.0.15';
/** Port ChromaDB serves its API on inside the container. */
export const CHROMA_PORT = Port.tcp(8000);
/** Where ChromaDB 1.x keeps its data (PERSIST_DIRECTORY). */
export const CHROMA_DATA_PATH = '/data';
/** The v1 path (seed 003) was removed in 1.x. */
export const CHROMA_HEARTBEAT_PATH = '/api/v2/heartbeat';

/** Props of ChromaDb: a Service's props (image and health check defaulted) plus its port and data volume. */
export interface ChromaDbProps extends KindProps {
  /**
   * Publish the API on the host (127.0.0.1 unless `public`).
   * @default - not published
   */
  readonly hostPort?: Port;
  /**
   * Volume for the data directory.
   * @default - a NamedVolume `<prefix>-<id>-data`
   */
  readonly dataVolume?: NamedVolume;
  /**
   * ChromaDB image; 1.x has no curl, wget or Python, hence the bash probe.
   * @default ContainerImage.fromRegistry("chromadb/chroma:1.0.15")
   */
  readonly image?: ContainerImage;
  /**
   * Health check.
   * @default - GET /api/v2/heartbeat on 8000 through bash's /dev/tcp, every 10 s, timeout 5 s, 3 retries, after a 15 s start period
   */
  readonly healthCheck?: HealthCheck;
  /**
   * CPU limit.
   * @default Cpu.cores(1)
   */
  readonly cpuLimit?: Cpu;
  /**
   * Memory limit; swap is disabled.
   * @default Size.gibibytes(1)
   */
  readonly memoryLimit?: Size;
  /**
   * Time ChromaDB gets to flush on stop before it is killed.
   * @default Duration.seconds(30)
   */
  readonly stopGracePeriod?: Duration;
}

const propsSchema = servicePropsSchema
  .partial()
  .extend({
    hostPort: port.optional(),
    dataVolume: zInstance(NamedVolume.isNamedVolume, fix('not a NamedVolume', 'create it with new NamedVolume(...)')).optional(),
  })
  .strict();

/**
 * ChromaDB 1.x, pinned, probed on its v2 heartbeat with bash's /dev/tcp (the image has no
 * curl, wget or Python), telemetry off, data in a named volume.
 */
export class ChromaDb extends Service {
  /** Volume at /data holding the collections: `dataVolume`, else one created as the child `data`. */
  readonly dataVolume: NamedVolume;

  constructor(scope: Construct, id: string, props: ChromaDbProps = {}) {
    const p = parseProps(childPath(scope, id), propsSchema, props) as ChromaDbProps;
    const { hostPort, dataVolume, ...serviceProps } = p;
    super(scope, id, {
      image: ContainerImage.fromRegistry(CHROMA_DEFAULT_IMAGE),
      healthCheck: HealthCheck.httpGet(CHROMA_HEARTBEAT_PATH, {
        port: CHROMA_PORT,
        tool: ProbeTool.BASH,
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(15),
      }),
      cpuLimit: Cpu.cores(1),
      memoryLimit: Size.gibibytes(1),
      stopGracePeriod: Duration.seconds(30),
      ...serviceProps,
      environment: { ANONYMIZED_TELEMETRY: 'FALSE', IS_PERSISTENT: 'TRUE', PERSIST_DIRECTORY: CHROMA_DATA_PATH, ...serviceProps.environment },
      ports: [...(serviceProps.ports ?? []), ...(hostPort ? [{ containerPort: CHROMA_PORT, hostPort }] : [])],
    });
    brand(this, 'ChromaDb');
    this.dataVolume = dataVolume ?? new NamedVolume(this, 'data');
    this.mountVolume(this.dataVolume, CHROMA_DATA_PATH);
  }

  /** `http://<host>:8000`, for services on a shared network. */
  get url(): string {
    return `http://${this.hostname}:${CHROMA_PORT.number}`;
  }
}
