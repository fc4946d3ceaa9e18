import { knownMissingTools } from '../../../constructs/private/image-facts';

// constructs/private/image-facts.ts: what well-known images lack, recognised by their reference.

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** Each fact, by the start of its reason, with references it must match and near misses it must not. */
const FACTS: readonly { readonly fact: string; readonly lacks: readonly string[]; readonly matches: readonly string[]; readonly misses: readonly string[] }[] = [
  {
    fact: 'python:*-slim',
    lacks: ['curl', 'wget', 'requests', 'httpx'],
    matches: ['python:3.12-slim', 'python:3.12-slim-bookworm', 'python:3-slim', 'docker.io/library/python:3.12-slim', 'registry.example.com:5000/python:3.12-slim', `python:3.12-slim@${DIGEST}`, 'python:slim', 'python:slim-bookworm'],
    misses: ['python:3.12', 'python:3.12-bookworm', `python:3.12@${DIGEST}`, 'mypython:3.12-slim', 'python-slim:3.12', 'example/app:python-3.12-slim'],
  },
  {
    fact: 'python:*-alpine',
    lacks: ['curl', 'requests', 'httpx'],
    matches: ['python:3.12-alpine', 'python:3.12-alpine3.20', 'docker.io/library/python:3.13-alpine', `python:3.12-alpine@${DIGEST}`, 'python:alpine', 'python:alpine3.20'],
    misses: ['python:3.12', 'alpine:3.20', 'mypython:3.12-alpine'],
  },
  {
    fact: 'ollama/ollama',
    lacks: ['curl', 'wget'],
    matches: ['ollama/ollama:0.6.5', 'ollama/ollama:latest', `ollama/ollama@${DIGEST}`, 'docker.io/ollama/ollama:0.6.5', 'ollama/ollama'],
    misses: ['ollama:0.6.5', 'ollama/ollama-webui:1', 'example/ollama:1'],
  },
  {
    fact: 'chromadb/chroma',
    lacks: ['curl', 'wget', 'python', 'python3'],
    matches: ['chromadb/chroma:1.0.15', `chromadb/chroma@${DIGEST}`, 'ghcr.io/chroma-core/chroma:1.0.15', 'docker.io/chromadb/chroma:1.0.15', 'chromadb/chroma'],
    misses: ['chroma:1.0.15', 'chromadb/chroma-ui:1', 'example/chromadb:1'],
  },
  {
    fact: 'postgres:*-alpine',
    lacks: ['curl', 'requests'],
    matches: ['postgres:17-alpine', 'postgres:16-alpine3.20', 'postgres:alpine', 'docker.io/library/postgres:17-alpine', `postgres:17-alpine@${DIGEST}`],
    misses: ['postgres:17', 'postgres:17-bookworm', `postgres:17@${DIGEST}`, 'mypostgres:17-alpine'],
  },
  {
    fact: 'redis images',
    lacks: ['curl', 'wget', 'python', 'python3'],
    matches: ['redis:7', 'redis:7.4-alpine', 'docker.io/library/redis:7', `redis:7@${DIGEST}`, 'cds-local/redis:7', 'redis', `redis@${DIGEST}`],
    misses: ['myredis:7', 'redis-commander:1', 'example/app:redis'],
  },
  {
    fact: 'nginx:*-alpine',
    lacks: ['curl', 'bash', 'python', 'python3'],
    matches: ['nginx:1.27-alpine', 'nginx:alpine', 'nginx:1.27-alpine-slim', 'docker.io/library/nginx:1.27-alpine', `nginx:1.27-alpine@${DIGEST}`],
    misses: ['nginx:1.27', 'nginx:1.27-bookworm', `nginx:1.27@${DIGEST}`, 'mynginx:1-alpine'],
  },
  {
    fact: 'the local nginx image',
    lacks: ['curl', 'wget'],
    matches: ['cds-local/nginx:1'],
    misses: ['example.com/cds-local/nginx:1'],
  },
  {
    fact: 'the local Python image',
    lacks: ['curl', 'wget', 'requests', 'httpx'],
    matches: ['cds-local/python:3', 'cds-local/demo-app:1'],
    misses: ['cds-local/python-tools:1', 'cds-local/demo-application:1', 'example.com/cds-local/python:3'],
  },
];

describe('knownMissingTools', () => {
  for (const { fact, lacks, matches, misses } of FACTS) {
    describe(fact, () => {
      test.each(matches)('given %p, then the fact applies: what it lacks, why, and a probe that works', (reference) => {
        const found = knownMissingTools(reference);

        expect(found.tools).toEqual(lacks);
        expect(found.why.startsWith(fact)).toBe(true);
        expect(found.probe).toEqual(expect.stringMatching(/^HealthCheck\.(httpGet|command)\(/));
      });

      test.each(misses)('given the near miss %p, then it does not', (reference) => {
        expect(knownMissingTools(reference).why.startsWith(fact)).toBe(false);
      });
    });
  }

  test.each(['example/app:1.0.0', 'python:3.12', 'postgres:17', 'nginx:1.27', 'busybox:1.36', `python@${DIGEST}`])('given %p, an image nothing is known of, then no tool, no reason and no probe', (reference) => {
    expect(knownMissingTools(reference)).toEqual({ tools: [], why: '', probe: undefined });
  });

  test('the probe suggested for a slim Python image uses only the standard library', () => {
    expect(knownMissingTools('python:3.12-slim').probe).toContain('ProbeTool.PYTHON');
  });

  test("Ollama's and Chroma's probes are their kinds' defaults", () => {
    expect(knownMissingTools('ollama/ollama:0.6.5').probe).toContain("HealthCheck.command(['ollama', 'list'])");
    expect(knownMissingTools('chromadb/chroma:1.0.15').probe).toContain("'/api/v2/heartbeat'");
  });
});
