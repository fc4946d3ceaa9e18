/**
 * What well-known images lack, from the images' own documentation and issues. A health check
 * that calls one of these tools can never pass (seed 001: `requests` on a slim Python image).
 */
interface ImageFact {
  readonly pattern: RegExp;
  readonly lacks: readonly string[];
  readonly why: string;
  /** A probe that works on this image, as the fix to suggest. */
  readonly probe: string;
}

const PYTHON_PROBE = 'HealthCheck.httpGet(path, { port, tool: ProbeTool.PYTHON }) (the standard library only)';

const FACTS: readonly ImageFact[] = [
  { pattern: /(^|\/)python:([^@]*-)?slim/, lacks: ['curl', 'wget', 'requests', 'httpx'], why: 'python:*-slim images ship neither curl, wget nor the requests or httpx modules', probe: PYTHON_PROBE },
  { pattern: /(^|\/)python:([^@]*-)?alpine/, lacks: ['curl', 'requests', 'httpx'], why: 'python:*-alpine images ship neither curl nor the requests or httpx modules', probe: PYTHON_PROBE },
  { pattern: /(^|\/)ollama\/ollama([:@]|$)/, lacks: ['curl', 'wget'], why: 'ollama/ollama ships neither curl nor wget', probe: "HealthCheck.command(['ollama', 'list']) (Ollama's default)" },
  {
    pattern: /(^|\/)(chromadb\/chroma|chroma-core\/chroma)([:@]|$)/,
    lacks: ['curl', 'wget', 'python', 'python3'],
    why: 'chromadb/chroma 1.x ships no curl, wget or python',
    probe: "HealthCheck.httpGet('/api/v2/heartbeat', { port, tool: ProbeTool.BASH }) (bash /dev/tcp, ChromaDb's default)",
  },
  { pattern: /(^|\/)postgres:[^@]*alpine/, lacks: ['curl', 'requests'], why: 'postgres:*-alpine ships no curl', probe: "HealthCheck.command(['pg_isready', ...]) (Postgres's default)" },
  { pattern: /(^|\/)redis([:@]|$)/, lacks: ['curl', 'wget', 'python', 'python3'], why: 'redis images ship only redis tools', probe: "HealthCheck.command(['redis-cli', 'ping']) (Redis's default)" },
  { pattern: /(^|\/)nginx:[^@]*alpine/, lacks: ['curl', 'bash', 'python', 'python3'], why: 'nginx:*-alpine has busybox wget but no curl, bash or python', probe: 'HealthCheck.httpGet(path, { port, tool: ProbeTool.WGET }) (busybox wget)' },
  { pattern: /^cds-local\/nginx:/, lacks: ['curl', 'wget'], why: 'the local nginx image has neither curl nor wget', probe: 'HealthCheck.httpGet(path, { port, tool: ProbeTool.BASH }) (bash /dev/tcp)' },
  { pattern: /^cds-local\/(python|demo-app):/, lacks: ['curl', 'wget', 'requests', 'httpx'], why: 'the local Python image mirrors python:*-slim: no curl, wget, requests or httpx', probe: PYTHON_PROBE },
];

/** Tools an image lacks, why, and a probe that works on it (when known). */
export interface MissingTools {
  /** Programs and Python modules a health check must not call on this image; empty when nothing is known. */
  readonly tools: readonly string[];
  /** What the image ships instead, or that the tools were declared missing, for messages; empty when nothing is known. */
  readonly why: string;
  /** A health check known to work on this image, as a fix to suggest; undefined when none is known. */
  readonly probe: string | undefined;
}

/** Tools the image is known to lack, with the reason and a working probe; empty when nothing is known. */
export function knownMissingTools(reference: string): MissingTools {
  const fact = FACTS.find((f) => f.pattern.test(reference));
  return fact ? { tools: fact.lacks, why: fact.why, probe: fact.probe } : { tools: [], why: '', probe: undefined };
}
