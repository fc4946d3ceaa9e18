/**
 * `cdktf-docker-stacks import <compose.yaml> [-f more.yaml] [--env-file .env] [--profile p] [--check]`:
 * loads compose files with fromCompose and prints what became of every key (`file:line key:
 * mapped / mapped with caveat / unsupported`). With `--check` it also runs the stack rules on the
 * imported stack, the same a hand-written stack meets at synth, and prints each finding with the
 * `file:line` of the service it is about: a compose linter. `--out stack.ts` writes the stack as
 * TypeScript on the public constructs (renderStackSource); nothing else is written, and nothing
 * at all when the files cannot be imported.
 */
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { fromCompose, type ComposeImport } from '../constructs/compose-import/from-compose';
import * as fs from 'fs';
import { KeySupport } from '../constructs/compose-import/key-table';
import { renderStackSource } from '../constructs/compose-import/typescript-writer';
import { formatLocation } from '../constructs/compose-import/source-location';
import { formatProblem, ValidationError } from '../constructs/errors';

/** Options of the command, as the command-line parser hands them over. */
export interface ImportComposeOptions {
  /** More compose files, merged after the first. */
  readonly file?: readonly string[];
  /** Env file for interpolation. */
  readonly envFile?: string;
  /** Active profiles. */
  readonly profile?: readonly string[];
  /** Leave unsupported keys out with a warning instead of failing. */
  readonly allowUnsupported?: boolean;
  /** Run the stack rules and print their findings. */
  readonly check?: boolean;
  /** Write the stack as TypeScript there (renderStackSource); written only when the import succeeds. */
  readonly out?: string;
}

/** Where the command writes, and the environment it interpolates from. */
export interface ImportComposeIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 imported (and no error finding with --check); 1 error findings; 2 the files could not be imported. */
export const IMPORT_COMPOSE_EXIT = { ok: 0, findings: 1, error: 2 } as const;

export const IMPORT_COMPOSE_DESCRIPTION =
  'loads compose files as docker compose does and prints what becomes of every key; --check also runs the stack rules and prints each finding with its file:line (exit 1 on errors)';

/** Runs the command; returns its exit code. */
export function runImportCompose(first: string, options: ImportComposeOptions, io: ImportComposeIo): number {
  const files = [first, ...(options.file ?? [])];
  let imported: ComposeImport;
  try {
    imported = fromCompose(new App({ outdir: path.join(path.dirname(path.resolve(first)), '.cds-import-unused') }), 'imported', {
      files,
      ...(options.envFile !== undefined ? { envFile: options.envFile } : {}),
      profiles: options.profile ?? [],
      environment: io.env,
      allowUnsupported: options.allowUnsupported ?? false,
      reportDefects: options.check ?? false,
    });
  } catch (error) {
    if (!ValidationError.isValidationError(error)) throw error;
    io.stderr.write(`${error.message}\n`);
    return IMPORT_COMPOSE_EXIT.error;
  }
  for (const row of imported.report) {
    if (row.support !== KeySupport.MAPPED) io.stdout.write(`${row.location}: ${row.key}: ${row.support}: ${row.becomes}\n`);
  }
  const mapped = imported.report.filter((r) => r.support === KeySupport.MAPPED).length;
  io.stdout.write(`${imported.report.length} keys: ${mapped} mapped, ${imported.report.length - mapped} with a caveat or left out (listed above)\n`);
  for (const [name, kind] of Object.entries(imported.kinds)) {
    if (kind.kind !== 'Service') io.stdout.write(`services.${name}: ${kind.kind}${kind.notes.length > 0 ? ` (${kind.notes.join('; ')})` : ''}\n`);
  }
  for (const warning of imported.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (options.out !== undefined) {
    const base = path.basename(options.out).replace(/\.[cm]?tsx?$/, '');
    const className = `${base.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __: string, c: string) => c.toUpperCase()).replace(/^[0-9]/, '_$&')}Stack`;
    fs.writeFileSync(options.out, renderStackSource(imported, { importFrom: 'cdktf-docker-stacks', className, files }));
    io.stderr.write(`wrote ${options.out} (class ${className}): add it to your app with new ${className}(app, '<stack id>')\n`);
  }
  if (!options.check) return IMPORT_COMPOSE_EXIT.ok;

  const { stack, project } = imported;
  // Synthesizing in memory runs the advisories (aspects); the stack rules run as node validations. Nothing is written.
  Testing.synth(stack, false);
  const where = (constructPath: string): string => {
    const service = constructPath.split('/')[1];
    return service !== undefined && service in project.services ? formatLocation(project.locations.find(['services', service])) : formatLocation(project.locations.find([]));
  };
  const defects = imported.defects.map(formatProblem);
  const errors = stack.node.findAll().flatMap((c) => c.node.validate().map((m) => (c === stack ? m : `${c.node.path}: ${m}`)));
  const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'warning' || m.type === 'aws:cdk:warning' || m.type === '@cdktf/warn').map((m) => String(m.data)));
  const pathOf = (line: string): string => /\] ([^\s:]+): /.exec(line)?.[1] ?? /^([^\s:]+): /.exec(line)?.[1] ?? '';
  for (const line of defects) io.stdout.write(`error: ${line}\n`);
  for (const line of errors) io.stdout.write(`${where(pathOf(line))}: error: ${line}\n`);
  for (const line of warnings) io.stdout.write(`${where(pathOf(line))}: warning: ${line}\n`);
  const errorCount = defects.length + errors.length;
  io.stdout.write(`${errorCount} error${errorCount === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`);
  return errorCount > 0 ? IMPORT_COMPOSE_EXIT.findings : IMPORT_COMPOSE_EXIT.ok;
}
