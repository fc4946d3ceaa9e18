import * as fs from 'fs';
import * as path from 'path';
import { DataTerraformRemoteStateConfig, LocalBackend, TerraformBackend, TerraformRemoteState } from 'cdktf';
import { Construct } from 'constructs';
import { throwArgument } from './private/arguments';
import { brand, hasBrand } from './private/brand';

/** Where `StateBackend.local()` keeps state: this directory of the project (where cdktf runs the app). */
export const DEFAULT_STATE_DIRECTORY = '.state';
/** Mode of the local state directory: only its owner may list or enter it. */
export const STATE_DIRECTORY_MODE = 0o700;
/** Mode of each local state file and its backup: only its owner may read it. */
export const STATE_FILE_MODE = 0o600;
/** The environment variable Terraform's `pg` backend reads the connection string from. */
export const PG_CONNECTION_VARIABLE = 'PG_CONN_STR';
/** A schema name `StateBackend.postgres` takes: a plain lowercase Postgres identifier (at most 63 bytes), never quoted differently. */
export const PG_SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Options of `StateBackend.local`. */
export interface LocalStateOptions {
  /**
   * Directory of the state files, one `terraform.<stack id>.tfstate` (and its `.backup`) per
   * stack; relative to the project directory (the working directory cdktf runs the app in).
   * DockerApp creates it with mode 0700 before Terraform writes, and each state file with 0600.
   * @default ".state"
   */
  readonly directory?: string;
}

/** Options of `StateBackend.postgres`. */
export interface PostgresStateOptions {
  /**
   * Postgres schema holding the stack's state (Terraform creates it unless it exists). Each
   * stack needs its own: the `pg` backend keeps one state per schema and workspace.
   * @default - "cds_" + the stack's name prefix, "-" written as "_" (e.g. cds_vibecoding)
   */
  readonly schemaName?: string;
}

/** The backends a StateBackend can be. */
export type StateBackendKind = 'local' | 'pg';

/**
 * Where Terraform keeps a stack's state, which holds every value of every resource: container
 * environments, and so each secret a service gets. Chosen once per stack (DockerStack's
 * `stateBackend`):
 * - `StateBackend.local()`: files in `.state/` of the project, mode 0700, readable only by the
 *   user who deploys; locked with a file lock on this host.
 * - `StateBackend.postgres()`: Terraform's `pg` backend, one state shared by every machine that
 *   deploys, locked with a Postgres advisory lock. The connection string comes only from the
 *   environment (PG_CONN_STR, or libpq's PGHOST, PGUSER, PGPASSWORD...), never from the code.
 *
 * Plain Terraform stores state unencrypted in every backend. A value type rather than cdktf's
 * backend classes, so that an encryption option (OpenTofu's state encryption, its key again
 * from the environment) can be added to each factory later without changing a stack.
 */
export class StateBackend {
  /** True for a StateBackend of any installed copy of this library (a brand check, not `instanceof`). */
  static isStateBackend(this: void, value: unknown): value is StateBackend {
    return hasBrand(value, 'StateBackend');
  }

  /** State files in a private directory of the project (`.state/` unless `directory` says otherwise). */
  static local(this: void, options: LocalStateOptions = {}): StateBackend {
    const directory: unknown = options?.directory ?? DEFAULT_STATE_DIRECTORY;
    if (typeof directory !== 'string' || directory.trim() === '' || directory.includes('\0')) {
      throwArgument('StateBackend.local', 'directory', directory, { message: 'not a directory path', fix: `write a path relative to the project, e.g. "${DEFAULT_STATE_DIRECTORY}", or an absolute one` });
    }
    return new StateBackend('local', directory, undefined);
  }

  /**
   * Terraform's `pg` backend: shared state with locking in a PostgreSQL database. Terraform
   * reads the connection string from PG_CONN_STR (or libpq's variables) when it runs: it is
   * never written to cdk.tf.json.
   */
  static postgres(this: void, options: PostgresStateOptions = {}): StateBackend {
    const schemaName: unknown = options?.schemaName;
    if (schemaName !== undefined && (typeof schemaName !== 'string' || !PG_SCHEMA_NAME_PATTERN.test(schemaName))) {
      throwArgument('StateBackend.postgres', 'schemaName', schemaName, { message: 'not a plain Postgres schema name', fix: 'use 1-63 lowercase letters, digits or "_", starting with a letter or "_", e.g. "cds_vibecoding"' });
    }
    return new StateBackend('pg', undefined, schemaName);
  }

  private constructor(
    /** `local` or `pg`. */
    readonly kind: StateBackendKind,
    /** The state directory as given (local only). */
    readonly directory: string | undefined,
    /** The schema name as given (pg only); undefined means the stack's default. */
    readonly schemaName: string | undefined,
  ) {
    brand(this, 'StateBackend');
  }

  /**
   * @internal Configures the backend of `stack` (cdktf's `terraform.backend`), named after its
   * id and name prefix. Paths are made absolute here: Terraform runs in cdktf.out/stacks/<id>/.
   */
  bind(stack: Construct, namePrefix: string): TerraformBackend {
    if (this.kind === 'pg') return new EnvironmentPgBackend(stack, this.schemaName ?? defaultSchemaName(namePrefix));
    const directory = path.resolve(this.directory ?? DEFAULT_STATE_DIRECTORY);
    return new PrivateLocalBackend(stack, path.join(directory, `terraform.${stack.node.id}.tfstate`));
  }
}

/** The schema of a stack's state in Postgres when none is given: "cds_" + its name prefix. */
export function defaultSchemaName(namePrefix: string): string {
  return `cds_${namePrefix.replace(/-/g, '_')}`;
}

/** The local backends this library configured, with their state file: DockerApp makes these private before Terraform writes. */
const PRIVATE_STATE_FILES = new WeakMap<TerraformBackend, string>();

/** A local backend whose state file DockerApp makes private (preparePrivateState). */
class PrivateLocalBackend extends LocalBackend {
  constructor(scope: Construct, stateFile: string) {
    super(scope, { path: stateFile });
    PRIVATE_STATE_FILES.set(this, stateFile);
  }
}

/**
 * Terraform's `pg` backend with only the schema in the configuration: Terraform reads the
 * connection string from the environment itself (`conn_str` defaults to PG_CONN_STR), so it
 * never reaches cdk.tf.json, `.terraform/` or the repository.
 */
class EnvironmentPgBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    readonly schemaName: string,
  ) {
    super(scope, 'backend', 'pg');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { schema_name: this.schemaName };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { schema_name: this.schemaName };
  }

  getRemoteStateDataSource(scope: Construct, name: string): TerraformRemoteState {
    return new PgRemoteState(scope, name, { schemaName: this.schemaName, workspace: '${terraform.workspace}' });
  }
}

/** Another stack's state in the same database; the connection string again from the environment. */
class PgRemoteState extends TerraformRemoteState {
  constructor(scope: Construct, id: string, config: DataTerraformRemoteStateConfig & { readonly schemaName: string }) {
    super(scope, id, 'pg', config);
  }
}

/** The state file of `backend` when it is a local backend this library configured, else undefined. */
export function privateStateFile(backend: TerraformBackend): string | undefined {
  return PRIVATE_STATE_FILES.get(backend);
}

/**
 * Makes the state of a local backend private before Terraform writes it: the directory is
 * created with mode 0700 (Terraform itself would create it 0755), and the state file and its
 * `.backup` exist with mode 0600. Terraform keeps the mode of a state or backup file that
 * exists (it opens the one and truncates the other), while one it creates gets 0666 less the
 * umask: 0644 under the usual umask 022. An empty state file reads as no state. Modes already
 * wider are narrowed: these files hold the stack's secrets.
 */
export function preparePrivateState(stateFile: string): void {
  const directory = path.dirname(stateFile);
  fs.mkdirSync(directory, { recursive: true, mode: STATE_DIRECTORY_MODE });
  narrowMode(directory, STATE_DIRECTORY_MODE);
  for (const file of [stateFile, `${stateFile}.backup`]) {
    fs.closeSync(fs.openSync(file, 'a', STATE_FILE_MODE));
    narrowMode(file, STATE_FILE_MODE);
  }
}

/**
 * Makes cdktf's output directory private (mode 0700): `cdktf diff` leaves its plan file there
 * (`stacks/<id>/plan`, 0644 under umask 022), a zip holding the prior state and the planned
 * values, so every secret of the stack.
 */
export function prepareOutputDirectory(outdir: string): void {
  fs.mkdirSync(outdir, { recursive: true, mode: STATE_DIRECTORY_MODE });
  narrowMode(outdir, STATE_DIRECTORY_MODE);
}

/** Clears the permission bits of `target` that `mode` does not grant. */
function narrowMode(target: string, mode: number): void {
  fs.chmodSync(target, fs.statSync(target).mode & 0o777 & mode);
}
