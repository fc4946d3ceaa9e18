import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { image as dockerImage } from '../.gen/providers/docker';
import { knownMissingTools, MissingTools } from './private/image-facts';
import { article, FactoryProblems, optionsProblem, UNSET_HINT, type ArgumentProblem } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** One path component of an image name: lowercase, with `.`, `_`, `__` or dashes between. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
/**
 * A registry: `localhost`, a dotted host or a host with a port, followed by `/`. A bare
 * `name:7` is a name and a tag, not a host and a port (as Docker reads it).
 */
const DOMAIN = `(?:localhost(?::\\d+)?|${HOST}(?:\\.${HOST})+(?::\\d+)?|${HOST}:\\d+)`;
/** A registry reference: `[registry/]name[:tag][@sha256:digest]`. */
const REFERENCE = new RegExp(`^(?<name>(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(?<tag>[\\w][\\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$`);
const REFERENCE_FORM = '[registry/]name[:tag][@sha256:digest]';
const REFERENCE_FIX = 'write name:tag in lowercase, e.g. "postgres:17-alpine" or "chromadb/chroma:1.0.15"';

/** Options of `ContainerImage.fromBuild`: the tag the built image gets, and how to build it. */
export interface BuildImageOptions {
  /** Name and tag given to the built image, e.g. `mnemolite-api:dev`. */
  readonly tag: string;
  /**
   * Dockerfile, relative to the context.
   * @default "Dockerfile"
   */
  readonly dockerfile?: string;
  /**
   * Build arguments (`--build-arg`), for the Dockerfile's `ARG`s.
   * @default - none
   */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/** Where an image from `ContainerImage.fromBuild` is built: what `buildContext` returns. */
export interface ImageBuildContext {
  /** Absolute path of the build context directory. */
  readonly context: string;
  /** Dockerfile, relative to the context. */
  readonly dockerfile: string;
  /** Build arguments (`--build-arg`). */
  readonly buildArgs: Readonly<Record<string, string>>;
}

/** Options of `ContainerImage.fromRegistry`. */
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
  static isContainerImage(this: void, value: unknown): value is ContainerImage {
    return hasBrand(value, 'ContainerImage');
  }

  /**
   * A published image, pinned by tag or digest: `postgres:17-alpine`, `chromadb/chroma:1.0.15`.
   * A reference from configuration or the environment is checked here, so a bad one fails
   * with a ValidationError before any construct uses it.
   */
  static fromRegistry(reference: string, options: RegistryImageOptions = {}): ContainerImage {
    const problems = new FactoryProblems('ContainerImage.fromRegistry');
    problems.add('reference', reference, referenceProblem(reference, 'image reference'));
    problems.add('options', options, optionsProblem(options, '{ missingTools: ["curl"] }'));
    const missingTools: unknown = options?.missingTools === undefined ? [] : options.missingTools;
    if (!Array.isArray(missingTools) || missingTools.some((tool) => typeof tool !== 'string')) {
      // options is an object here: null or undefined options give an empty list.
      problems.add('missingTools', options.missingTools, { message: 'not a list of program names', fix: 'pass a list of strings, e.g. ["curl", "wget"]' });
    }
    problems.throwIfAny();
    // Stryker disable next-line OptionalChaining: equivalent (the reference matched REFERENCE above)
    const { tag, digest } = REFERENCE.exec(reference)?.groups ?? {};
    return new ContainerImage(reference, tag, digest, undefined, missingTools as string[]);
  }

  /**
   * An image built from a local directory. The build re-runs whenever a file in the
   * context changes (a hash of the context is a trigger), so a code change reaches the container.
   */
  static fromBuild(contextDirectory: string, options: BuildImageOptions): ContainerImage {
    const problems = new FactoryProblems('ContainerImage.fromBuild');
    if (options === null || typeof options !== 'object') {
      problems.add('options', options, { message: options === undefined ? 'no options: the image needs a tag' : 'not an options object', fix: 'pass { tag }, e.g. { tag: "shop-api:dev" }' });
    } else {
      const tagProblem = referenceProblem(options.tag, 'tag');
      // Stryker disable next-line OptionalChaining: equivalent (read only when the tag matched REFERENCE, whose groups always exist)
      problems.add('tag', options.tag, tagProblem ?? (REFERENCE.exec(options.tag)?.groups?.tag ? undefined : { message: 'a name without a tag', fix: `add a tag, e.g. "${options.tag}:dev"` }));
      for (const [key, value] of Object.entries(options.buildArgs ?? {})) {
        if (typeof value !== 'string') problems.add(`buildArgs.${key}`, value, { message: `${article(typeof value)}, not a string`, fix: `pass the build argument as text, e.g. ${JSON.stringify(String(value))}` });
      }
    }
    const dockerfile: unknown = options?.dockerfile ?? 'Dockerfile';
    if (typeof contextDirectory !== 'string' || contextDirectory.trim() === '') {
      const message = typeof contextDirectory === 'string' ? 'an empty directory' : contextDirectory == null ? 'no build context directory given' : `${article(typeof contextDirectory)}, not a path`;
      problems.add('contextDirectory', contextDirectory, { message, fix: `pass the directory holding the Dockerfile (${UNSET_HINT})` });
    } else if (typeof dockerfile !== 'string') {
      problems.add('dockerfile', dockerfile, { message: `${article(typeof dockerfile)}, not a string`, fix: 'pass the Dockerfile\'s path relative to the context, e.g. "Dockerfile"' });
    } else if (!fs.existsSync(path.join(path.resolve(contextDirectory), dockerfile))) {
      problems.add('dockerfile', dockerfile, { message: `no ${dockerfile} in ${path.resolve(contextDirectory)}`, fix: 'check the context directory, or name the Dockerfile with dockerfile' });
    }
    problems.throwIfAny();
    // Stryker disable next-line OptionalChaining: equivalent (the tag matched REFERENCE above, with a tag group)
    const tag = REFERENCE.exec(options.tag)?.groups?.tag;
    return new ContainerImage(options.tag, tag, undefined, { context: path.resolve(contextDirectory), dockerfile: dockerfile as string, buildArgs: options.buildArgs ?? {} }, []);
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

  /** True for an image from `ContainerImage.fromBuild`: the engine builds it at deploy time instead of pulling it. */
  get isLocalBuild(): boolean {
    return this.build !== undefined;
  }

  /** For an image from `ContainerImage.fromBuild`: the absolute context directory, the Dockerfile and the build arguments; else undefined. */
  get buildContext(): ImageBuildContext | undefined {
    return this.build;
  }

  /** Tools the image is known not to have, why, and a probe known to work on it. */
  missingTools(): MissingTools {
    const known = knownMissingTools(this.reference);
    if (this.extraMissingTools.length === 0) return known;
    return { tools: [...known.tools, ...this.extraMissingTools], why: known.why || `declared missing for ${this.reference}`, probe: known.probe };
  }

  /**
   * @internal The `docker_image` resource for this image in `stack` (one per stack and
   * reference) and the id containers must reference: the image id, not the name, so a rebuilt
   * tag reaches them.
   */
  bind(stack: Construct): string {
    let resource = this.resources.get(stack);
    // Stryker disable next-line ConditionalExpression: equivalent (without the cache, tryFindChild finds the resource made before)
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

  /** The reference, e.g. `postgres:17-alpine`. */
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

/** What is wrong with `value` as an image reference (called `noun` in the messages); undefined when nothing is. */
function referenceProblem(value: unknown, noun: string): ArgumentProblem | undefined {
  if (value === undefined || value === null) return { message: `no ${noun} given`, fix: `${REFERENCE_FIX} (${UNSET_HINT})` };
  if (typeof value !== 'string') return { message: `${article(typeof value)}, not a string`, fix: REFERENCE_FIX };
  if (value.trim() === '') return { message: `an empty ${noun}`, fix: `${REFERENCE_FIX} (${UNSET_HINT})` };
  if (REFERENCE.test(value)) return undefined;
  const why = /\s/.test(value) ? ': it contains a space' : /[A-Z]/.test(value.split(/[:@]/)[0].replace(/^[^/]*[.:][^/]*\//, '')) ? ': names are lowercase' : '';
  return { message: `not an image reference ${REFERENCE_FORM}${why}`, fix: REFERENCE_FIX };
}
