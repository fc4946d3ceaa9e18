import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { image as dockerImage } from '../.gen/providers/docker';
import { knownMissingTools, MissingTools } from './private/image-facts';
import { brand, hasBrand } from './private/brand';

/** A registry reference: `[registry/]name[:tag][@sha256:digest]`. */
const REFERENCE = /^(?<name>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

export interface BuildImageOptions {
  /** Name and tag given to the built image, e.g. `mnemolite-api:dev`. */
  readonly tag: string;
  /**
   * Dockerfile, relative to the context.
   * @default "Dockerfile"
   */
  readonly dockerfile?: string;
  /**
   * Build arguments.
   * @default - none
   */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

export interface RegistryImageOptions {
  /**
   * Tools the image is known to lack, in addition to what this library knows of well-known
   * images; health checks calling them are rejected.
   * @default - only the built-in knowledge
   */
  readonly missingTools?: readonly string[];
}

/** Where a service's image comes from: a registry reference, or a local build context. */
export class ContainerImage {
  /** True for a ContainerImage of any installed copy of this library (a brand check, not `instanceof`). */
  static isContainerImage(value: unknown): value is ContainerImage {
    return hasBrand(value, 'ContainerImage');
  }

  /** A published image, pinned by tag or digest: `postgres:17-alpine`, `chromadb/chroma:1.0.15`. */
  static fromRegistry(reference: string, options: RegistryImageOptions = {}): ContainerImage {
    const match = REFERENCE.exec(reference);
    if (!match?.groups) {
      throw new Error(`ContainerImage.fromRegistry("${reference}"): not an image reference; write name:tag, e.g. "postgres:17-alpine"`);
    }
    return new ContainerImage(reference, match.groups.tag, match.groups.digest, undefined, options.missingTools ?? []);
  }

  /**
   * An image built from a local directory. The build re-runs whenever a file in the
   * context changes (a hash of the context is a trigger), so a code change reaches the container.
   */
  static fromBuild(contextDirectory: string, options: BuildImageOptions): ContainerImage {
    const context = path.resolve(contextDirectory);
    if (!fs.existsSync(path.join(context, options.dockerfile ?? 'Dockerfile'))) {
      throw new Error(`ContainerImage.fromBuild("${contextDirectory}"): no ${options.dockerfile ?? 'Dockerfile'} in ${context}`);
    }
    const match = REFERENCE.exec(options.tag);
    if (!match?.groups?.tag) {
      throw new Error(`ContainerImage.fromBuild: tag "${options.tag}" must be name:tag, e.g. "mnemolite-api:dev"`);
    }
    return new ContainerImage(options.tag, match.groups.tag, undefined, { context, dockerfile: options.dockerfile ?? 'Dockerfile', buildArgs: options.buildArgs ?? {} }, []);
  }

  private readonly resources = new WeakMap<Construct, dockerImage.Image>();

  private constructor(
    /** The reference containers are created from. */
    public readonly reference: string,
    /** The tag, when the reference has one. */
    public readonly tag: string | undefined,
    /** The digest, when the reference has one. */
    public readonly digest: string | undefined,
    private readonly build: { context: string; dockerfile: string; buildArgs: Readonly<Record<string, string>> } | undefined,
    private readonly extraMissingTools: readonly string[],
  ) {}

  /** Pinned: a digest, or a tag other than `latest`. */
  get isPinned(): boolean {
    return this.digest !== undefined || (this.tag !== undefined && this.tag !== 'latest');
  }

  get isLocalBuild(): boolean {
    return this.build !== undefined;
  }

  /** Tools the image is known not to have, why, and a probe known to work on it. */
  missingTools(): MissingTools {
    const known = knownMissingTools(this.reference);
    if (this.extraMissingTools.length === 0) return known;
    return { tools: [...known.tools, ...this.extraMissingTools], why: known.why || `declared missing for ${this.reference}`, probe: known.probe };
  }

  /**
   * The `docker_image` resource for this image in `stack` (one per stack and reference) and
   * the id containers must reference: the image id, not the name, so a rebuilt tag reaches them.
   */
  bind(stack: Construct): string {
    let resource = this.resources.get(stack);
    if (!resource) {
      const id = `image-${this.reference.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      const existing = stack.node.tryFindChild(id);
      resource = existing instanceof dockerImage.Image ? existing : this.createResource(stack, id);
      this.resources.set(stack, resource);
    }
    return resource.imageId;
  }

  private createResource(stack: Construct, id: string): dockerImage.Image {
    if (!this.build) {
      return new dockerImage.Image(stack, id, { name: this.reference, keepLocally: true });
    }
    return new dockerImage.Image(stack, id, {
      name: this.reference,
      keepLocally: true,
      buildAttribute: {
        context: this.build.context,
        dockerfile: this.build.dockerfile,
        buildArgs: { ...this.build.buildArgs },
        tag: [this.reference],
      },
      triggers: { context: hashDirectory(this.build.context) },
    });
  }

  toString(): string {
    return this.reference;
  }
}
brand(ContainerImage.prototype, 'ContainerImage');

function hashDirectory(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === '.git' || entry.name === '__pycache__') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(path.relative(root, full)).update('\0').update(fs.readFileSync(full)).update('\0');
    }
  };
  walk(root);
  return hash.digest('hex');
}
