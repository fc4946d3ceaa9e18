import * as fs from 'fs';
import * as path from 'path';
import { ValidationError, ValidationProblem } from '../errors';
import { openQuote } from './command-line';
import { readEnvFile } from './env-file';
import { describeInterpolationIssue, interpolate, variableSource } from './interpolation';
import { ComposeMap, isComposeMap, scalarText } from './compose-map';
import { mergeValues, normalizeService } from './merge';
import { schemaProblems } from './schema-validation';
import { composeProblem, KeyPath, LocationIndex, SourceLocation, throwIfProblems } from './source-location';
import { castText } from './type-casts';
import { withUniqueItems } from './unique-items';
import { readYamlFile } from './yaml-file';

/** What to load: the files and the variables, as `docker compose -f ... --env-file ... --profile ...` takes them. */
export interface ComposeLoadOptions {
  /** Compose files, merged in order (later files override earlier ones); relative to the working directory. */
  readonly files: readonly string[];
  /**
   * Env file of variables for interpolation; the process environment wins over it, as in compose.
   * @default - `.env` in the first file's directory, if it exists
   */
  readonly envFile?: string;
  /**
   * Active profiles; a service with `profiles` is kept only when one of them is active (`*`: all).
   * @default - none: only services without `profiles`
   */
  readonly profiles?: readonly string[];
  /**
   * Variables for interpolation, over the env file's.
   * @default process.env
   */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** A compose project after interpolation, merging, `extends`, `include`, `env_file` and profiles. */
export interface ComposeProject {
  /** `name:` of the files, if any. */
  readonly name: string | undefined;
  /** Directory of the first file: relative paths resolve against it. */
  readonly projectDirectory: string;
  /** Services still active, normalized (mapping forms, absolute paths, env files folded into `environment`). */
  readonly services: Readonly<Record<string, ComposeMap>>;
  /** Top-level networks by name. */
  readonly networks: Readonly<Record<string, ComposeMap>>;
  /** Top-level named volumes by name. */
  readonly volumes: Readonly<Record<string, ComposeMap>>;
  /** Top-level secrets by name. */
  readonly secrets: Readonly<Record<string, ComposeMap>>;
  /** Top-level configs by name. */
  readonly configs: Readonly<Record<string, ComposeMap>>;
  /** Every other top-level key (`version`, `x-...`), as read. */
  readonly other: Readonly<Record<string, unknown>>;
  /** Where each key path was written. */
  readonly locations: LocationIndex;
  /** Services left out because no active profile names them. */
  readonly inactiveServices: readonly string[];
  /** Variables read as empty because they were not set (compose warns about them too). */
  readonly unsetVariables: readonly string[];
  /**
   * For each service, the `environment` keys whose whole value is one variable that is set
   * (`KEY: ${VAR}`, `KEY=$VAR`, or a bare `KEY` taken from the variables), by the variable's name:
   * a secret among them can stay a variable at deploy time rather than a value in the code.
   */
  readonly environmentVariables: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** An environment value a file took whole from one variable. */
interface EnvironmentSource {
  readonly service: string;
  readonly key: string;
  readonly variable: string;
  readonly value: string;
}

/** One file, interpolated, validated, paths resolved, services normalized, includes and extends applied. */
interface LoadedFile {
  readonly document: ComposeMap;
  readonly locations: LocationIndex;
  /** Key paths tagged `!reset` in the file: removed after merging it. */
  readonly resets: readonly KeyPath[];
  /** Key paths tagged `!override` in the file: removed from what it merges onto first. */
  readonly overrides: readonly KeyPath[];
}

/**
 * Loads compose files as `docker compose config` does. Every problem (YAML syntax, schema,
 * a required variable unset, an `extends` cycle, a missing env file) is a ValidationError
 * naming the file, the line and the key path.
 */
export function loadCompose(options: ComposeLoadOptions): ComposeProject {
  if (options.files.length === 0) {
    throw new ValidationError([composeProblem(undefined, ['files'], [], 'no compose file given', 'pass at least one file, e.g. files: ["compose.yaml"]')]);
  }
  const files = options.files.map((f) => path.resolve(f));
  const projectDirectory = path.dirname(files[0]);
  const environment = options.environment ?? process.env;
  const envFile = options.envFile !== undefined ? path.resolve(options.envFile) : path.join(projectDirectory, '.env');
  const fromEnvFile = options.envFile !== undefined || fs.existsSync(envFile) ? readEnvFile(envFile, environment, { location: undefined, keyPath: ['envFile'] }) : {};
  const variables: Record<string, string | undefined> = { ...fromEnvFile, ...environment };
  const loader = new FileLoader(variables);

  let document: ComposeMap = {};
  const locations = new LocationIndex();
  for (const file of files) {
    const loaded = loader.load(file, []);
    // compose's merge tags: the earlier value of a `!override` or `!reset` key is dropped first,
    // so the file's own value replaces it whole (a `!reset` key has none).
    document = mergeValues(withoutPaths(document, [...loaded.overrides, ...loaded.resets]), loaded.document) as ComposeMap;
    locations.addAll(loaded.locations);
  }
  const section = (key: string): Record<string, ComposeMap> => Object.fromEntries(Object.entries(isComposeMap(document[key]) ? document[key] : {}).map(([k, v]) => [k, isComposeMap(v) ? v : {}]));
  const allServices = section('services');
  const problems: ValidationProblem[] = [];
  const services: Record<string, ComposeMap> = {};
  const bareKeys: EnvironmentSource[] = [];
  for (const [name, service] of Object.entries(allServices)) {
    services[name] = withEnvFiles(service, variables, locations, ['services', name], problems, bareKeys);
    problems.push(...commandProblems(service, locations, ['services', name]));
  }
  throwIfProblems(problems);
  const { active, inactive } = applyProfiles(services, options.profiles ?? [], locations);
  const other = Object.fromEntries(Object.entries(document).filter(([k]) => !['services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'name'].includes(k)));
  return {
    name: typeof document.name === 'string' ? document.name : undefined,
    projectDirectory,
    services: active,
    networks: section('networks'),
    volumes: section('volumes'),
    secrets: section('secrets'),
    configs: section('configs'),
    other,
    locations,
    inactiveServices: inactive,
    unsetVariables: [...new Set(loader.unset)].sort(),
    environmentVariables: environmentVariables(active, [...loader.environmentSources, ...bareKeys]),
  };
}

/**
 * Which final environment values came whole from a variable. Merging, `extends` and `include`
 * move values between files and services, so a source counts where its key holds the same value
 * in the end; the service's own sources first, then any other's, the last written winning.
 */
function environmentVariables(services: Readonly<Record<string, ComposeMap>>, sources: readonly EnvironmentSource[]): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [name, service] of Object.entries(services)) {
    const environment = isComposeMap(service.environment) ? service.environment : {};
    const found: Record<string, string> = {};
    for (const [key, value] of Object.entries(environment)) {
      const matching = sources.filter((s) => s.key === key && s.value === value);
      const source = matching.filter((s) => s.service === name).pop() ?? matching.pop();
      if (source) found[key] = source.variable;
    }
    if (Object.keys(found).length > 0) result[name] = found;
  }
  return result;
}

/** Loads single files, each once, with the project's variables. */
class FileLoader {
  readonly unset: string[] = [];
  readonly environmentSources: EnvironmentSource[] = [];
  private readonly cache = new Map<string, LoadedFile>();

  constructor(private readonly variables: Readonly<Record<string, string | undefined>>) {}

  /** `file` loaded; `including` is the chain of includes and extends that led here (cycles stop). */
  load(file: string, including: readonly string[]): LoadedFile {
    const cached = this.cache.get(file);
    if (cached) return cached;
    const yaml = readYamlFile(file);
    if (!isComposeMap(yaml.value)) {
      throw new ValidationError([composeProblem({ file, line: 1 }, [], yaml.value, 'a compose file is a mapping (services:, networks:, ...)', 'start the file with "services:"')]);
    }
    const problems: ValidationProblem[] = [];
    const interpolated = this.interpolateAll(yaml.value, [], yaml.locations, problems);
    throwIfProblems(problems);
    const document = withUniqueItems(interpolated, yaml.locations) as ComposeMap;
    throwIfProblems(schemaProblems(document, yaml.locations));
    const directory = path.dirname(file);
    const services = isComposeMap(document.services) ? document.services : {};
    for (const [name, service] of Object.entries(services)) services[name] = resolvePaths(normalizeService(service as ComposeMap), directory);
    const loaded: LoadedFile = { document: { ...document, services }, locations: yaml.locations, resets: yaml.resets, overrides: yaml.overrides };
    this.applyExtends(file, loaded, including);
    this.applyIncludes(file, loaded, including);
    this.cache.set(file, loaded);
    return loaded;
  }

  /** Records `services.<name>.environment` entries (mapping or `KEY=value` list) whose value is one variable. */
  private noteEnvironmentSource(keyPath: KeyPath, written: string, value: string): void {
    const [section, service, key, entry] = keyPath;
    if (keyPath.length !== 4 || section !== 'services' || key !== 'environment' || typeof service !== 'string') return;
    if (typeof entry === 'string') {
      const variable = variableSource(written, this.variables);
      if (variable !== undefined) this.environmentSources.push({ service, key: entry, variable, value });
      return;
    }
    const [writtenAt, valueAt] = [written.indexOf('='), value.indexOf('=')];
    if (writtenAt <= 0 || valueAt <= 0) return;
    const variable = variableSource(written.slice(writtenAt + 1), this.variables);
    if (variable !== undefined) this.environmentSources.push({ service, key: value.slice(0, valueAt), variable, value: value.slice(valueAt + 1) });
  }

  private interpolateAll(value: unknown, keyPath: KeyPath, locations: LocationIndex, problems: ValidationProblem[]): unknown {
    if (typeof value === 'string') {
      const result = interpolate(value, this.variables);
      this.unset.push(...result.unset);
      if (result.error) {
        const { message, fix } = describeInterpolationIssue(result.error);
        problems.push(composeProblem(locations.find(keyPath), keyPath, value, message, fix));
        return result.value;
      }
      this.noteEnvironmentSource(keyPath, value, result.value);
      const cast = castText(keyPath, result.value);
      if ('value' in cast) return cast.value;
      problems.push(composeProblem(locations.find(keyPath), keyPath, result.value, cast.problem.message, cast.problem.fix));
      return result.value;
    }
    if (Array.isArray(value)) return value.map((item, i) => this.interpolateAll(item, [...keyPath, i], locations, problems));
    if (isComposeMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.interpolateAll(v, [...keyPath, k], locations, problems)]));
    return value;
  }

  /** Replaces each `extends` by the base service merged under the extending one. */
  private applyExtends(file: string, loaded: LoadedFile, including: readonly string[]): void {
    const services = loaded.document.services as Record<string, ComposeMap>;
    const resolving: string[] = [];
    const resolve = (name: string, from: KeyPath): ComposeMap => {
      const service = services[name];
      // A NUL, which no path holds, parts the file from the service.
      const key = `${file}\u0000${name}`;
      if (resolving.includes(key) || including.includes(key)) {
        // `including` also holds the files of the includes that led here: only the file-and-service keys name services.
        const chain = [...including, ...resolving, key].filter((k) => k.includes('\u0000')).map((k) => k.slice(k.indexOf('\u0000') + 1));
        throw new ValidationError([composeProblem(loaded.locations.find(from), from, chain.join(' -> '), 'extends forms a cycle', 'make one service of the cycle stop extending another')]);
      }
      const ext = service.extends;
      if (ext === undefined) return service;
      resolving.push(key);
      const spec = typeof ext === 'string' ? { service: ext } : (ext as { service: string; file?: string });
      const at: KeyPath = ['services', name, 'extends'];
      let base: ComposeMap;
      if (spec.file !== undefined) {
        const other = this.load(spec.file, [...including, ...resolving]);
        base = (other.document.services as Record<string, ComposeMap> | undefined)?.[spec.service] ?? this.missingBase(loaded, at, spec.service, spec.file);
        loaded.locations.copySubtree(['services', spec.service], ['services', name], true, other.locations);
      } else {
        if (!(spec.service in services)) this.missingBase(loaded, at, spec.service, file);
        base = resolve(spec.service, at);
        loaded.locations.copySubtree(['services', spec.service], ['services', name], true);
      }
      resolving.pop();
      const { extends: _, ...own } = service;
      // compose v2 keeps the base's depends_on (the differential test's e2e-queue fixture shows it).
      // `!override` and `!reset` keys of the extending service replace or remove the base's value.
      const overridden = [...loaded.overrides, ...loaded.resets].filter((p) => p[0] === 'services' && p[1] === name && p.length > 2).map((p) => p.slice(2));
      const merged = mergeValues(withoutPaths(withoutKeys(base, ['extends']), overridden), own, ['services', name]) as ComposeMap;
      services[name] = merged;
      return merged;
    };
    for (const name of Object.keys(services)) resolve(name, ['services', name, 'extends']);
  }

  private missingBase(loaded: LoadedFile, at: KeyPath, service: string, file: string): never {
    throw new ValidationError([composeProblem(loaded.locations.find(at), at, service, `extends names service "${service}", which ${path.basename(file)} does not define`, 'name a service of that file')]);
  }

  /** Adds the resources of each `include`d project; one defined twice is an error, as in compose. */
  private applyIncludes(file: string, loaded: LoadedFile, including: readonly string[]): void {
    const includes = Array.isArray(loaded.document.include) ? (loaded.document.include as unknown[]) : [];
    includes.forEach((entry, index) => {
      const at: KeyPath = ['include', index];
      const paths = typeof entry === 'string' ? [entry] : ([] as string[]).concat((entry as { path: string | string[] }).path);
      for (const relative of paths) {
        const target = path.resolve(path.dirname(file), relative);
        if (including.includes(target) || target === file) {
          throw new ValidationError([composeProblem(loaded.locations.find(at), at, relative, 'include forms a cycle', 'remove the include that leads back to this file')]);
        }
        if (!fs.existsSync(target)) {
          throw new ValidationError([composeProblem(loaded.locations.find(at), at, relative, 'the included file does not exist', 'fix the path (relative to the including file)')]);
        }
        const included = this.load(target, [...including, file]);
        for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs']) {
          const mine = (isComposeMap(loaded.document[section]) ? loaded.document[section] : {});
          const theirs = (isComposeMap(included.document[section]) ? included.document[section] : {});
          for (const [name, value] of Object.entries(theirs)) {
            if (name in mine && section === 'services') {
              throw new ValidationError([composeProblem(loaded.locations.find([section, name]), [section, name], name, `service "${name}" is defined here and in the included ${relative}`, 'rename one of them; compose refuses a resource defined twice through include')]);
            }
            // Its locations come with the included file's below.
            if (!(name in mine)) mine[name] = value;
          }
          if (Object.keys(mine).length > 0) loaded.document[section] = mine;
        }
        loaded.locations.addAll(filterLocations(included.locations, loaded.locations));
      }
    });
  }
}

/** The included file's locations for keys the including file does not set itself. */
function filterLocations(included: LocationIndex, own: LocationIndex): LocationIndex {
  const out = new LocationIndex();
  out.addAll(included);
  out.addAll(own);
  return out;
}

/** A copy of `map` without the values at `paths` (mapping keys; a path through a list item is kept). */
function withoutPaths(map: ComposeMap, paths: readonly KeyPath[]): ComposeMap {
  if (paths.length === 0) return map;
  const copy = structuredClone(map);
  for (const keyPath of paths) {
    let parent: unknown = copy;
    for (const key of keyPath.slice(0, -1)) parent = isComposeMap(parent) || Array.isArray(parent) ? (parent as Record<string | number, unknown>)[key] : undefined;
    const last = keyPath[keyPath.length - 1];
    if (isComposeMap(parent) && typeof last === 'string') delete parent[last];
  }
  return copy;
}

function withoutKeys(map: ComposeMap, keys: readonly string[]): ComposeMap {
  return Object.fromEntries(Object.entries(map).filter(([k]) => !keys.includes(k)));
}

/** Relative host paths of a service made absolute against its file's directory, as compose does per file. */
function resolvePaths(service: ComposeMap, directory: string): ComposeMap {
  const out: ComposeMap = { ...service };
  const abs = (p: string): string => (p.startsWith('~') ? path.join(process.env.HOME ?? '~', p.slice(1)) : path.resolve(directory, p));
  if (isComposeMap(out.build) && typeof out.build.context === 'string' && !/^[a-z]+:\/\//.test(out.build.context)) out.build = { ...out.build, context: abs(out.build.context) };
  if (Array.isArray(out.env_file)) out.env_file = (out.env_file as unknown[]).map((e) => (typeof e === 'string' ? abs(e) : isComposeMap(e) ? { ...e, path: abs(String(e.path)) } : e));
  if (Array.isArray(out.volumes)) {
    out.volumes = (out.volumes as unknown[]).map((v) => {
      if (typeof v === 'string') {
        const [source, ...rest] = v.split(':');
        return rest.length > 0 && /^[.~/]/.test(source) ? [abs(source), ...rest].join(':') : v;
      }
      if (isComposeMap(v) && v.type === 'bind' && typeof v.source === 'string') return { ...v, source: abs(v.source) };
      return v;
    });
  }
  if (isComposeMap(out.extends) && typeof out.extends.file === 'string') out.extends = { ...out.extends, file: abs(out.extends.file) };
  return out;
}

/** A `command` or `entrypoint` string with an unterminated quote: compose refuses it at load. */
function commandProblems(service: ComposeMap, locations: LocationIndex, at: KeyPath): ValidationProblem[] {
  return ['command', 'entrypoint'].flatMap((key) => {
    const value = service[key];
    const quote = typeof value === 'string' ? openQuote(value) : undefined;
    if (quote === undefined) return [];
    const keyPath = [...at, key];
    return [composeProblem(locations.find(keyPath), keyPath, value, `the ${quote} quote is never closed (compose: "invalid command line string")`, `close the quote, or write the ${key} as a list, one argument per item`)];
  });
}

/** `env_file` values under `environment` (which wins); `KEY` without a value from the variables. */
function withEnvFiles(service: ComposeMap, variables: Readonly<Record<string, string | undefined>>, locations: LocationIndex, at: KeyPath, problems: ValidationProblem[], bareKeys: EnvironmentSource[]): ComposeMap {
  const fromFiles: Record<string, string> = {};
  const files = Array.isArray(service.env_file) ? (service.env_file as unknown[]) : [];
  files.forEach((entry, index) => {
    const file = isComposeMap(entry) ? String(entry.path) : String(entry);
    const required = isComposeMap(entry) ? entry.required !== false : true;
    const format = isComposeMap(entry) ? entry.format : undefined;
    if (format !== undefined && format !== '.env') {
      const keyPath = [...at, 'env_file', index, 'format'];
      problems.push(composeProblem(locations.find(keyPath), keyPath, format, `unsupported env_file format ${JSON.stringify(format)}: only the dotenv format (".env") is read, as docker compose 2.26 reads it`, 'remove format, and write the file as KEY=value lines'));
      return;
    }
    try {
      Object.assign(fromFiles, readEnvFile(file, variables, { location: locations.find([...at, 'env_file', index]), keyPath: [...at, 'env_file', index] }, required));
    } catch (error) {
      if (!ValidationError.isValidationError(error)) throw error;
      problems.push(...error.problems);
    }
  });
  const own = isComposeMap(service.environment) ? service.environment : {};
  const environment: Record<string, string> = { ...fromFiles };
  for (const [key, value] of Object.entries(own)) {
    if (value === null || value === undefined) {
      const fromVariables = variables[key];
      if (fromVariables !== undefined) {
        environment[key] = fromVariables;
        bareKeys.push({ service: String(at[1]), key, variable: key, value: fromVariables });
      }
    } else environment[key] = scalarText(value);
  }
  const { env_file: _, ...rest } = service;
  return Object.keys(environment).length > 0 || 'environment' in service ? { ...rest, environment } : rest;
}

/** Services no active profile names are left out; a kept service may not depend on one. */
function applyProfiles(services: Record<string, ComposeMap>, profiles: readonly string[], locations: LocationIndex): { active: Record<string, ComposeMap>; inactive: string[] } {
  const enabled = (s: ComposeMap): boolean => {
    const own = Array.isArray(s.profiles) ? (s.profiles as string[]) : [];
    return own.length === 0 || profiles.includes('*') || own.some((p) => profiles.includes(p));
  };
  const active = Object.fromEntries(Object.entries(services).filter(([, s]) => enabled(s)));
  const inactive = Object.keys(services).filter((n) => !(n in active));
  const problems: ValidationProblem[] = [];
  for (const [name, service] of Object.entries(active)) {
    for (const dependency of Object.keys(isComposeMap(service.depends_on) ? service.depends_on : {})) {
      if (inactive.includes(dependency)) {
        const at = ['services', name, 'depends_on', dependency];
        const location: SourceLocation | undefined = locations.find(at);
        problems.push(composeProblem(location, at, dependency, `"${dependency}" is only in profiles ${JSON.stringify(services[dependency].profiles)}, none of them active`, `activate one of them (--profile), or drop the dependency`));
      }
    }
  }
  throwIfProblems(problems);
  return { active, inactive };
}
