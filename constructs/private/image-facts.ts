/**
 * What well-known images lack, from the images' own documentation and issues. A health check
 * that calls one of these tools can never pass (seed 001: `requests` on a slim Python image).
 */
interface ImageFact {
  readonly pattern: RegExp;
  readonly lacks: readonly string[];
  readonly why: string;
}

const FACTS: readonly ImageFact[] = [
  { pattern: /(^|\/)python:[^@]*-slim/, lacks: ['curl', 'wget', 'requests'], why: 'python:*-slim images ship neither curl, wget nor the requests module' },
  { pattern: /(^|\/)python:[^@]*-alpine/, lacks: ['curl', 'requests'], why: 'python:*-alpine images ship neither curl nor the requests module' },
  { pattern: /(^|\/)ollama\/ollama[:@]/, lacks: ['curl', 'wget'], why: 'ollama/ollama ships neither curl nor wget; probe with `ollama list`' },
  {
    pattern: /(^|\/)(chromadb\/chroma|chroma-core\/chroma)[:@]/,
    lacks: ['curl', 'wget', 'python', 'python3'],
    why: 'chromadb/chroma 1.x ships no curl, wget or python; probe with bash /dev/tcp',
  },
  { pattern: /(^|\/)postgres:[^@]*alpine/, lacks: ['curl', 'requests'], why: 'postgres:*-alpine ships no curl' },
  { pattern: /(^|\/)redis:[^@]*/, lacks: ['curl', 'wget', 'python', 'python3'], why: 'redis images ship only redis tools; probe with redis-cli' },
  { pattern: /(^|\/)nginx:[^@]*alpine/, lacks: ['curl', 'bash', 'python', 'python3'], why: 'nginx:*-alpine has busybox wget but no curl, bash or python; probe with ProbeTool.WGET' },
  { pattern: /^cds-local\/nginx:/, lacks: ['curl', 'wget'], why: 'the local nginx image has neither curl nor wget; probe with ProbeTool.BASH' },
  { pattern: /^cds-local\/(python|demo-app):/, lacks: ['curl', 'wget', 'requests'], why: 'the local Python image mirrors python:*-slim: no curl, wget or requests' },
];

/** Tools the image is known to lack, with the reason; empty when nothing is known. */
export function knownMissingTools(reference: string): { readonly tools: readonly string[]; readonly why: string } {
  const fact = FACTS.find((f) => f.pattern.test(reference));
  return fact ? { tools: fact.lacks, why: fact.why } : { tools: [], why: '' };
}
