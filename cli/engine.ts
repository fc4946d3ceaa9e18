import * as fs from 'fs';
import * as path from 'path';
import type Docker from 'dockerode';
import { CliError } from './errors';
import type { TerraformJson } from './project';

/** The engine a command talks to, and why that one. */
export interface EngineChoice {
  /** `unix:///var/run/docker.sock`, `tcp://host:2375`, `ssh://user@host`; undefined: dockerode's default (the local socket). */
  readonly address: string | undefined;
  readonly source: '--host' | 'stack dockerHost' | 'CDS_DOCKER_HOST' | 'DOCKER_HOST' | 'default';
}

/**
 * `--host`, else the engine the stack deploys to (its `dockerHost`, in the synthesized provider
 * block), else CDS_DOCKER_HOST, else DOCKER_HOST, else the local socket. A Terraform expression
 * in the provider block (`${var.host}`) cannot be read here and is passed over.
 */
export function chooseEngine(flag: string | undefined, json: TerraformJson | undefined, env: NodeJS.ProcessEnv = process.env): EngineChoice {
  if (flag) return { address: flag, source: '--host' };
  const stackHost = json?.provider?.docker?.[0]?.host;
  if (stackHost && !stackHost.includes('${')) return { address: stackHost, source: 'stack dockerHost' };
  if (env.CDS_DOCKER_HOST) return { address: env.CDS_DOCKER_HOST, source: 'CDS_DOCKER_HOST' };
  if (env.DOCKER_HOST) return { address: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  return { address: undefined, source: 'default' };
}

/** dockerode options for an engine address; TLS for tcp:// as the docker CLI does (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
export function dockerOptions(address: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  const match = /^(unix|tcp|ssh|npipe):\/\/(.*)$/.exec(address);
  if (!match) throw new CliError(`not a Docker host address: ${address}`, 'write unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host');
  const [, scheme, rest] = match;
  if (scheme === 'unix' || scheme === 'npipe') return { socketPath: rest || '/var/run/docker.sock' };
  const url = new URL(`${scheme}://${rest}`);
  if (scheme === 'ssh') {
    return { protocol: 'ssh', host: url.hostname, port: url.port || 22, username: url.username || undefined, sshOptions: { agent: env.SSH_AUTH_SOCK } };
  }
  const certDir = env.DOCKER_CERT_PATH;
  const tls = env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
  if (!tls) return { protocol: 'http', host: url.hostname, port: url.port || 2375 };
  const read = (file: string): Buffer | undefined => (certDir ? fs.readFileSync(path.join(certDir, file)) : undefined);
  return { protocol: 'https', host: url.hostname, port: url.port || 2376, ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

/**
 * A Docker API client for the chosen engine. dockerode is loaded here, not at start-up: it
 * costs about 0.2 s (its SSH support), which `diagram` and `--help` need not pay.
 */
export async function dockerClient(choice: EngineChoice): Promise<Docker> {
  const { default: DockerClient } = await import('dockerode');
  return choice.address === undefined ? new DockerClient() : new DockerClient(dockerOptions(choice.address));
}

/** How the engine is named in output: its address, or the local socket. */
export function engineLabel(choice: EngineChoice): string {
  return choice.address ?? 'unix:///var/run/docker.sock';
}

/**
 * Turns a failed connection, or an error the engine answered with (an HTTP status), into a
 * CliError naming the engine; other errors (bugs) pass through.
 */
export function engineUnreachable(error: unknown, choice: EngineChoice): unknown {
  if (CliError.isCliError(error)) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: unknown };
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND') {
    return new CliError(`cannot reach the Docker engine at ${engineLabel(choice)} (from ${choice.source}): ${(error as Error).message}`, 'start the engine, or point --host / CDS_DOCKER_HOST at it', error);
  }
  if (typeof statusCode === 'number') {
    return new CliError(`the Docker engine at ${engineLabel(choice)} failed: ${(error as Error).message.trim()}`, 'check the engine (`docker info`, its log); CDS_DEBUG=1 prints the stack trace', error);
  }
  return error;
}
