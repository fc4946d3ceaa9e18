import * as fs from 'fs';
import * as path from 'path';
import { DefaultTokenResolver, StringConcat, Token, Tokenization } from 'cdktf';
import { Document, isMap, isScalar, isSeq } from 'yaml';
import { DockerStack } from './docker-stack';
import { StackValidationError, ValidationError } from './errors';
import { StackNetwork } from './network';
import { auditCompose } from './private/compose-audit';
import { invalidArgument } from './private/validation';
import { Secret } from './secret';
import { Service, SERVICE_LABELS } from './service';
import { UpdateOrder } from './update-order';

/** Options of `toCompose` and `exportCompose`. */
export interface ComposeExportOptions {
  /**
   * The compose project name (`name:`), which `docker compose -p` overrides.
   * @default - the stack's name prefix
   */
  readonly projectName?: string;
  /**
   * Declare the named volumes `external: true`: compose then uses volumes that exist already
   * (made by a `cdktf deploy` of the stack) and refuses to start without them, and
   * `docker compose down -v` never deletes them. Without it compose creates a missing volume
   * under the same name and reuses an existing one, and `down -v` deletes them, data included.
   * @default false
   */
  readonly externalVolumes?: boolean;
}

/** An environment variable the compose file reads, and why. */
export interface ComposeVariable {
  /** The variable's name, e.g. `TF_VAR_mnemolite_postgres_password`. */
  readonly name: string;
  /** What the value is and where it is used. */
  readonly description: string;
}

/**
 * Something the stack deploys that the compose file does not carry as the stack has it, named
 * by construct path and key; also listed in the file's header comment.
 */
export interface ComposeWarning {
  /** Construct path of the service or resource, e.g. `shop/api` or `shop/api/Resource`. */
  readonly path: string;
  /** The setting: a prop (`updateOrder`) or the Terraform key or resource type (`dns`, `docker_service`). */
  readonly key: string;
  /** What differs, and what compose does instead. */
  readonly message: string;
}

/** A stack as a compose file: the YAML, the same as a plain object, the variables it needs and what it leaves out. */
export interface ComposeExport {
  /** The compose file, YAML, with a header comment naming the variables. */
  readonly yaml: string;
  /** The compose file as a plain object (what the YAML holds). */
  readonly document: Readonly<Record<string, unknown>>;
  /** Environment variables the file interpolates, each to be set before `docker compose up`. */
  readonly variables: readonly ComposeVariable[];
  /** What the file does not carry as the stack deploys it; empty when the file is equivalent. */
  readonly warnings: readonly ComposeWarning[];
}

/**
 * The stack as a compose file (the compose specification, `docker compose` 2.23 or later), as
 * YAML: same images, commands, entrypoints, environment, health checks (`start_interval` where
 * the stack's engine has it), start-up order (`depends_on` with `condition: service_healthy`,
 * `service_started` for a dependency without a health check), limits and reservations,
 * networks (`internal` kept), named volumes, uploaded files (top-level `configs` with inline
 * `content`, mounted with their `target` and `mode`), logging, restart policy, capabilities,
 * security options, user, read-only root, tmpfs, stop signal and grace period, and labels.
 * Every `$` of the stack's own text is written `$$`, so compose interpolates none of it.
 *
 * No secret value is written. Each secret becomes a required variable, `${NAME:?...}`, that
 * compose reads from the environment (or an `.env` file beside the compose file) when it runs:
 * a `Secret.fromVariable(name)` is `TF_VAR_<name>`, the variable `cdktf deploy` reads too; a
 * generated secret (kept in Terraform's state) or a literal one gets a variable of its own,
 * named after the stack and its owner. The file's header and `exportCompose().variables` list
 * them. A secret derived from others (a connection URL) is written with those variables inside
 * it; compose cannot percent-encode, so their values are inserted as they are (use URL-safe
 * characters: letters, digits, `-`, `.`, `_`, `~`).
 *
 * What the file cannot say as the stack deploys it (a start-first update, an escape-hatch
 * override, a resource compose has no place for) is listed, with its construct path and key,
 * in `exportCompose().warnings` and in the file's header. A value known only when Terraform
 * applies (a resource attribute) cannot be written at all: that is an error naming the service
 * and the field. The stack is validated first: a stack that would not synthesize is not exported.
 */
export function toCompose(stack: DockerStack, options: ComposeExportOptions = {}): string {
  return exportCompose(stack, options).yaml;
}

/** `toCompose`, with the file as a plain object, the variables it needs and the warnings. */
export function exportCompose(stack: DockerStack, options: ComposeExportOptions = {}): ComposeExport {
  if (!DockerStack.isDockerStack(stack)) {
    throw invalidArgument('toCompose', 'stack', stack, 'not a DockerStack', 'pass the DockerStack to export, e.g. toCompose(app.node.findChild("shop") as DockerStack)');
  }
  const messages = stack.node.findAll().flatMap((c) => c.node.validate().map((m) => (c === stack ? m : `${c.node.path}: ${m}`)));
  if (messages.length > 0) throw new StackValidationError(messages);
  return new ComposeWriter(stack, options).write();
}

/**
 * The environment variable that makes DockerApp write compose exports at synth: stack names,
 * comma-separated, or `*` for all.
 */
export const COMPOSE_EXPORT_ENV = 'CDS_COMPOSE_EXPORT';
/** The file, beside a stack's `cdk.tf.json`, that holds its compose export (a ComposeExportFile). */
export const COMPOSE_EXPORT_FILE = 'docker-stacks.compose.json';
/** Version of the ComposeExportFile format, so a reader can tell a file written by another version. */
export const COMPOSE_EXPORT_FILE_VERSION = 1;

/** What DockerApp writes to COMPOSE_EXPORT_FILE: the export, or why the stack could not be exported. */
export type ComposeExportFile =
  | { readonly version: number; readonly stack: string; readonly yaml: string; readonly variables: readonly ComposeVariable[]; readonly warnings: readonly ComposeWarning[] }
  | { readonly version: number; readonly stack: string; readonly error: string };

/**
 * @internal Writes the compose export of each stack `selection` names (comma-separated ids, or
 * `*`) into its output directory. A stack that cannot be exported gets its error there instead:
 * the synth itself succeeded, and the export command reports it.
 */
export function writeComposeExports(stacks: readonly DockerStack[], selection: string, workingDirectory: (stack: DockerStack) => string, outdir: string): void {
  const names = new Set(selection.split(',').map((n) => n.trim()));
  for (const stack of stacks.filter((s) => names.has('*') || names.has(s.node.id))) {
    let file: ComposeExportFile;
    try {
      const { yaml, variables, warnings } = new ComposeWriter(stack, {}).write();
      file = { version: COMPOSE_EXPORT_FILE_VERSION, stack: stack.node.id, yaml, variables, warnings };
    } catch (error) {
      if (!(ValidationError.isValidationError(error) || StackValidationError.isStackValidationError(error))) throw error;
      file = { version: COMPOSE_EXPORT_FILE_VERSION, stack: stack.node.id, error: error.message };
    }
    fs.writeFileSync(path.join(outdir, workingDirectory(stack), COMPOSE_EXPORT_FILE), `${JSON.stringify(file, null, 2)}\n`);
  }
}

/** A mapping of the compose file. */
type ComposeObject = Record<string, unknown>;

const NAME_PATTERN = /[^A-Za-z0-9_]+/g;

class ComposeWriter {
  private readonly variables = new Map<string, ComposeVariable>();
  private readonly configs: ComposeObject = {};
  private readonly volumes: ComposeObject = {};
  private readonly networks: ComposeObject = {};
  private readonly warnings: ComposeWarning[] = [];
  private placeholders = 0;

  constructor(
    private readonly stack: DockerStack,
    private readonly options: ComposeExportOptions,
  ) {}

  write(): ComposeExport {
    const services = this.stack.node.findAll().filter((c): c is Service => Service.isService(c));
    this.checkUniqueNames(services);
    for (const network of this.stack.node.findAll().filter((c): c is StackNetwork => StackNetwork.isStackNetwork(c))) {
      this.networks[network.networkName] = { name: network.networkName, driver: 'bridge', ...(network.internal ? { internal: true } : {}) };
    }
    const rendered = Object.fromEntries(services.map((service) => [service.serviceName, this.service(service)]));
    const document: ComposeObject = {
      name: this.options.projectName ?? this.stack.namePrefix,
      services: rendered,
      ...(Object.keys(this.networks).length > 0 ? { networks: this.networks } : {}),
      ...(Object.keys(this.volumes).length > 0 ? { volumes: this.volumes } : {}),
      ...(Object.keys(this.configs).length > 0 ? { configs: this.configs } : {}),
    };
    const variables = [...this.variables.values()];
    const warnings = [...this.warnings, ...auditCompose(this.stack.toTerraform() as Record<string, unknown>, document, SERVICE_LABELS.service)];
    // YAML 1.1 quoting: compose's parser reads `no`, `on` or `0744` unquoted as other types.
    const yaml = new Document(document, { version: '1.1' });
    // File modes in octal (0744), as everyone reads them.
    for (const service of Object.keys(rendered)) {
      const refs = yaml.getIn(['services', service, 'configs']);
      if (!isSeq(refs)) continue;
      for (const item of refs.items) {
        const mode = isMap(item) ? item.get('mode', true) : undefined;
        // Stryker disable next-line ConditionalExpression: equivalent (files() gives every item a mode, a number)
        if (isScalar(mode)) mode.format = 'OCT';
      }
    }
    yaml.commentBefore = this.header(variables, warnings);
    return { yaml: yaml.toString({ lineWidth: 0 }), document, variables, warnings };
  }

  private header(variables: readonly ComposeVariable[], warnings: readonly ComposeWarning[]): string {
    const lines = [
      ` Compose file of stack ${this.stack.node.id}, written by cdktf-docker-stacks (toCompose); edit the stack, not this file.`,
      ' Start: docker compose up -d --wait. Named volumes hold the data: `docker compose down -v` deletes them, `cdktf destroy` never does.',
    ];
    if (variables.length > 0) {
      lines.push(' Set before `docker compose up` (no secret is written here):');
      for (const v of variables) lines.push(`   ${v.name}: ${v.description}`);
    }
    if (warnings.length > 0) {
      lines.push(' Not as the stack deploys it:');
      for (const w of warnings) lines.push(`   ${w.path} ${w.key}: ${w.message}`);
    }
    return lines.join('\n');
  }

  private checkUniqueNames(services: readonly Service[]): void {
    const seen = new Map<string, Service>();
    for (const service of services) {
      const other = seen.get(service.serviceName);
      if (other) {
        throw new ValidationError([
          {
            ruleId: 'props',
            path: service.node.path,
            field: '(construct id)',
            value: service.serviceName,
            message: `a compose file has one service per name, and ${other.node.path} has this name too`,
            fix: 'give one of the two services another construct id',
          },
        ]);
      }
      seen.set(service.serviceName, service);
    }
  }

  private service(service: Service): ComposeObject {
    const s = service.containerSettings;
    const build = service.image.buildContext;
    const health = service.healthCheck;
    const hostNetwork = service.hostAccess?.hostNetwork ?? false;
    const environment: ComposeObject = {};
    for (const [key, value] of [...service.environmentVariables].sort(([a], [b]) => a.localeCompare(b))) environment[key] = this.text(service, `environment.${key}`, value);
    for (const [key, secret] of [...service.secrets].sort(([a], [b]) => a.localeCompare(b))) environment[key] = this.secret(service, key, secret);
    const restart = service.restartPolicy;
    if (service.updateOrder === UpdateOrder.START_FIRST) {
      this.warnings.push({
        path: service.node.path,
        key: 'updateOrder',
        message: 'UpdateOrder.START_FIRST: compose replaces a container by stopping the old one first, so a changed service is down while the new one starts',
      });
    }
    return {
      image: service.image.reference,
      ...(build ? { build: { context: build.context, dockerfile: build.dockerfile, ...(Object.keys(build.buildArgs).length > 0 ? { args: this.texts(service, 'build.args', build.buildArgs) } : {}) } } : {}),
      ...(s.replicas === 1 ? { container_name: service.containerNames[0] } : {}),
      ...(s.entrypoint ? { entrypoint: s.entrypoint.map((a) => this.text(service, 'entrypoint', a)) } : {}),
      ...(s.command ? { command: s.command.map((a) => this.text(service, 'command', a)) } : {}),
      // Stryker disable next-line StringLiteral: equivalent (Service refuses a token in user, so no error names the field)
      ...(s.user !== undefined ? { user: this.text(service, 'user', s.user) } : {}),
      ...(s.workingDir !== undefined ? { working_dir: this.text(service, 'workingDir', s.workingDir) } : {}),
      ...(s.init ? { init: true } : {}),
      ...(Object.keys(environment).length > 0 ? { environment } : {}),
      ...(health.isNone
        ? {}
        : {
            healthcheck: {
              test: health.testCommand.map((a) => this.text(service, 'healthCheck', a)),
              interval: health.interval.toGoString(),
              timeout: health.timeout.toGoString(),
              retries: health.retries,
              start_period: health.startPeriod.toGoString(),
              ...(this.stack.probesStartInterval ? { start_interval: health.startInterval.toGoString() } : {}),
            },
          }),
      ...(service.dependsOn.length > 0 ? { depends_on: Object.fromEntries(service.dependsOn.map((d) => [d.serviceName, { condition: dependencyCondition(d) }])) } : {}),
      restart: restart.name === 'on-failure' ? `on-failure:${restart.maxRetries}` : restart.name,
      ...(hostNetwork ? { network_mode: 'host' } : service.networks.length === 0 ? { network_mode: 'bridge' } : { networks: this.serviceNetworks(service) }),
      ...(service.ports.length > 0 && !hostNetwork
        ? { ports: service.ports.map((p) => ({ target: p.containerPort.number, published: String(p.hostPort.number), host_ip: p.hostIp, protocol: p.containerPort.protocol })) }
        : {}),
      ...(service.volumes.length + service.bindMounts.length > 0 ? { volumes: this.mounts(service) } : {}),
      ...(service.files.length > 0 ? { configs: this.files(service) } : {}),
      ...(Object.keys(s.tmpfs).length > 0 ? { tmpfs: Object.entries(s.tmpfs).map(([path, size]) => `${path}:size=${size.toBytes()}`) } : {}),
      read_only: s.readOnlyRootFilesystem,
      cap_drop: ['ALL'],
      ...(s.capabilities.length > 0 ? { cap_add: [...s.capabilities].sort() } : {}),
      security_opt: [...s.securityOptions],
      ...(service.hostAccess?.privileged ? { privileged: true } : {}),
      ...(service.hostAccess?.hostPid ? { pid: 'host' } : {}),
      ipc: service.hostAccess?.hostIpc ? 'host' : 'private',
      ...(s.shmSize ? { shm_size: s.shmSize.toDockerString() } : {}),
      memswap_limit: s.memoryLimit.toDockerString(),
      deploy: {
        ...(s.replicas > 1 ? { replicas: s.replicas } : {}),
        resources: {
          limits: { cpus: s.cpuLimit.toProviderString(), memory: s.memoryLimit.toDockerString() },
          ...(s.memoryReservation ? { reservations: { memory: s.memoryReservation.toDockerString() } } : {}),
        },
      },
      logging: { driver: s.logging.render().driver, options: s.logging.render().options },
      ...(s.stopSignal ? { stop_signal: s.stopSignal } : {}),
      stop_grace_period: s.stopGracePeriod.toGoString(),
      labels: this.texts(service, 'labels', Object.fromEntries(Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)))),
    };
  }

  private serviceNetworks(service: Service): ComposeObject {
    return Object.fromEntries(service.networks.map((a) => [a.network.networkName, { aliases: [...new Set([service.serviceName, ...a.aliases])].sort() }]));
  }

  private mounts(service: Service): ComposeObject[] {
    const volumes = service.volumes.map((m) => {
      this.volumes[m.volume.volumeName] = { name: m.volume.volumeName, ...(this.options.externalVolumes ? { external: true } : {}) };
      return { type: 'volume', source: m.volume.volumeName, target: m.target, read_only: m.readOnly };
    });
    const binds = service.bindMounts.map((b) => ({ type: 'bind', source: b.source, target: b.target, read_only: b.readOnly }));
    return [...volumes, ...binds].sort((a, b) => a.target.localeCompare(b.target));
  }

  private files(service: Service): ComposeObject[] {
    return service.files.map((file) => {
      // Stryker disable next-line Regex: equivalent for /^\// (a file's path is absolute: its first "/" is the leading one)
      const name = `${service.serviceName}-${file.path.replace(/^\//, '').replace(/[^A-Za-z0-9._-]+/g, '-')}`;
      this.configs[name] = { content: this.text(service, `files.${file.path}`, file.content) };
      // The modes the provider's upload gives: 0744 for an executable file, else 0644.
      return { source: name, target: file.path, mode: file.executable ? 0o744 : 0o644 };
    });
  }

  private texts(service: Service, field: string, values: Readonly<Record<string, string>>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, this.text(service, `${field}.${k}`, v)]));
  }

  /** The stack's own text, resolved (a lazy value) and with `$` escaped; a Terraform reference cannot be exported. */
  private text(service: Service, field: string, value: string): string {
    const resolved = this.resolve(service, field, value);
    return resolved.replace(/\$/g, '$$$$');
  }

  private resolve(service: Service, field: string, value: string): string {
    if (!Token.isUnresolved(value)) return value;
    // Stryker disable next-line BooleanLiteral: equivalent (preparing only matters to tokens that record references; a reference fails below either way)
    const resolved: unknown = Tokenization.resolve(value, { scope: this.stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    if (typeof resolved === 'string' && !/\$\{[^}]*\}/.test(resolved)) return resolved;
    throw new ValidationError([
      {
        ruleId: 'props',
        path: service.node.path,
        field,
        value: typeof resolved === 'string' ? resolved : String(value),
        message: 'a value known only when Terraform applies the stack (a resource attribute) cannot be written into a compose file',
        fix: 'give the value as text in the stack, or set it in the exported file by hand',
      },
    ]);
  }

  /** The secret as compose interpolation of the variables that hold its parts. */
  private secret(service: Service, key: string, secret: Secret): string {
    const parts = new Map<string, string>();
    const derived = secret.leaves()[0] !== secret;
    const rendered = secret.renderWith((leaf) => {
      // Letters and digits only: a percent-encoding of a derived secret leaves them as they are.
      // Stryker disable next-line UpdateOperator: equivalent (counting down gives placeholders as unique, and "-" survives percent-encoding too)
      const placeholder = `cdscomposesecret${this.placeholders++}x`;
      parts.set(placeholder, this.interpolation(this.secretVariable(service, key, leaf, derived)));
      return placeholder;
    });
    let text = this.resolve(service, `secrets.${key}`, rendered).replace(/\$/g, '$$$$');
    for (const [placeholder, interpolation] of parts) text = text.split(placeholder).join(interpolation);
    return text;
  }

  private secretVariable(service: Service, key: string, leaf: Secret, inUrl: boolean): ComposeVariable {
    const urlNote = inUrl ? '; inserted as it is into a derived value (a URL), so it must be URL-safe: letters, digits, "-", ".", "_" or "~"' : '';
    let variable: ComposeVariable;
    if (leaf.variableName !== undefined) {
      variable = { name: `TF_VAR_${leaf.variableName}`, description: `secret ${leaf.variableName}, the variable cdktf deploy reads${urlNote}` };
    } else if (leaf.owner !== undefined) {
      const below = leaf.owner.node.path.split('/').slice(this.stack.node.path.split('/').length);
      variable = { name: envName([this.stack.namePrefix, ...below]), description: `generated by ${leaf.owner.node.path} in Terraform's state; give it a random value (e.g. openssl rand -hex 24)${urlNote}` };
    } else {
      variable = { name: envName([this.stack.namePrefix, service.serviceName, key]), description: `a literal secret of ${service.node.path} (${key}), not copied into this file${urlNote}` };
    }
    // The note on URL-safe characters stays once any use of the variable needs it.
    if (!this.variables.has(variable.name) || inUrl) this.variables.set(variable.name, variable);
    return variable;
  }

  private interpolation(variable: ComposeVariable): string {
    return `\${${variable.name}:?set ${variable.name} (see the header of this file)}`;
  }
}

/**
 * How compose waits for a dependency. service_started cannot occur today (CDS-DEPENDS-NO-HEALTHCHECK
 * refuses a dependency without a health check); kept so the file stays right if that changes.
 */
function dependencyCondition(dependency: Service): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable today (see above)
  return dependency.healthCheck.isNone ? 'service_started' : 'service_healthy';
}

function envName(parts: readonly string[]): string {
  return parts
    .join('_')
    .replace(NAME_PATTERN, '_')
    .toUpperCase();
}
