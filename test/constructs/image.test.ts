import { TerraformOutput, Testing } from 'cdktf';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatProblem } from '../../constructs/errors';
import { ContainerImage } from '../../constructs/image';
import { UNSET_HINT } from '../../constructs/private/arguments';
import { problemOf, problemsOf } from '../support/factory-error';
import { newStack, synth } from '../support/synth';

/** The fix every refused image reference or tag suggests. */
const REFERENCE_FIX = 'write name:tag in lowercase, e.g. "postgres:17-alpine" or "chromadb/chroma:1.0.15"';
const NOT_A_REFERENCE = 'not an image reference [registry/]name[:tag][@sha256:digest]';

/** A `docker_image` resource as synthesized. */
interface SynthesizedImage {
  readonly name: string;
  readonly keep_locally: boolean;
  readonly build?: { context: string; dockerfile: string; build_args?: Record<string, string>; tag: string[] };
  readonly triggers?: { context: string };
}

/** Binds `images` to a fresh stack and returns its `docker_image` resources by Terraform key. */
function synthImages(...images: ContainerImage[]): Record<string, SynthesizedImage> {
  const stack = newStack();
  // bind is @internal (services call it); it is the only way to make the image's resource.
  for (const image of images) image.bind(stack);
  return synth(stack).resource.docker_image as unknown as Record<string, SynthesizedImage>;
}

/** A temporary directory holding `files` (paths relative to it, `/`-separated). */
function makeDirectory(files: Readonly<Record<string, string>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-image-test-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

// A value type: tested without a stack, except for the docker_image resource it binds.
describe('ContainerImage', () => {
  describe('fromRegistry', () => {
    test.each([
      ['postgres:17-alpine', '17-alpine', undefined, true],
      ['redis:7', '7', undefined, true],
      ['chromadb/chroma:1.0.15', '1.0.15', undefined, true],
      ['cds-local/redis:7', '7', undefined, true],
      ['localhost:5000/app:1', '1', undefined, true],
      ['registry.example.com:5000/team/app:2.1', '2.1', undefined, true],
      ['localhost:5000/app', undefined, undefined, false],
      ['example/app:latest', 'latest', undefined, false],
      ['example/app', undefined, undefined, false],
      [`postgres@sha256:${'a'.repeat(64)}`, undefined, `sha256:${'a'.repeat(64)}`, true],
    ])('given %p, then the tag is %p and the digest %p (pinned: %p)', (reference, tag, digest, pinned) => {
      const image = ContainerImage.fromRegistry(reference);
      expect(image).toMatchObject({ reference, tag, digest, isPinned: pinned, isLocalBuild: false, buildContext: undefined });
      expect(`${image}`).toBe(reference);
    });

    test.each([
      ['undefined (an unset environment variable)', undefined, 'no image reference given', `${REFERENCE_FIX} (${UNSET_HINT})`],
      ['null', null, 'no image reference given', `${REFERENCE_FIX} (${UNSET_HINT})`],
      ['empty', '', 'an empty image reference', `${REFERENCE_FIX} (${UNSET_HINT})`],
      // Blank is empty too (trimmed), not "a reference with a space".
      ['blank', '   ', 'an empty image reference', `${REFERENCE_FIX} (${UNSET_HINT})`],
      ['a number', 42, 'a number, not a string', REFERENCE_FIX],
      ['not a reference', 'Bad Ref!', `${NOT_A_REFERENCE}: it contains a space`, REFERENCE_FIX],
      ['in capitals', 'Postgres:17', `${NOT_A_REFERENCE}: names are lowercase`, REFERENCE_FIX],
      ['an empty tag', 'app:', NOT_A_REFERENCE, REFERENCE_FIX],
      // A registry host may have capitals: they are not blamed when something else is wrong.
      ['an empty tag after a registry host in capitals', 'Registry.Example.com/app:', NOT_A_REFERENCE, REFERENCE_FIX],
      // Only a first component with a dot is a host: a capital first component is a name.
      ['a capital first component without a dot', 'Team/app:1', `${NOT_A_REFERENCE}: names are lowercase`, REFERENCE_FIX],
      // A dotted component further along is a name, not a host, so its capitals are blamed.
      ['a capital dotted component after the first', 'acme/My.Team/app:1', `${NOT_A_REFERENCE}: names are lowercase`, REFERENCE_FIX],
    ])('fails when the reference is %s, naming ContainerImage.fromRegistry, the field and the value', (_what, reference, message, fix) => {
      const problem = problemOf(() => ContainerImage.fromRegistry(reference as string));
      expect(problem).toMatchObject({ path: 'ContainerImage.fromRegistry', field: 'reference', message, fix });
      expect(problem.value).toEqual(reference);
    });

    test('given images.app = "Bad Ref!", when refused, then the line says what a reference is', () => {
      expect(formatProblem(problemOf(() => ContainerImage.fromRegistry('Bad Ref!')))).toBe(
        '[props] ContainerImage.fromRegistry: reference = "Bad Ref!": not an image reference [registry/]name[:tag][@sha256:digest]: it contains a space. Fix: write name:tag in lowercase, e.g. "postgres:17-alpine" or "chromadb/chroma:1.0.15"',
      );
    });

    test('fails when the options are null, with an example of the options (and no TypeError)', () => {
      expect(problemOf(() => ContainerImage.fromRegistry('app:1', null as unknown as { missingTools: string[] }))).toEqual({
        ruleId: 'props',
        path: 'ContainerImage.fromRegistry',
        field: 'options',
        value: null,
        message: 'null, not an options object',
        fix: 'pass an object, e.g. { missingTools: ["curl"] }, or leave it out',
      });
    });

    test.each([
      ['a string', 'curl'],
      ['a list holding a number', ['curl', 1]],
      ['null', null],
    ])('fails when missingTools is %s, saying a list of strings is wanted', (_what, missingTools) => {
      expect(problemOf(() => ContainerImage.fromRegistry('app:1', { missingTools: missingTools as string[] }))).toMatchObject({
        path: 'ContainerImage.fromRegistry',
        field: 'missingTools',
        value: missingTools,
        message: 'not a list of program names',
        fix: 'pass a list of strings, e.g. ["curl", "wget"]',
      });
    });
  });

  describe('missingTools', () => {
    test('given an image nothing is known of and no declared tools, then nothing is missing', () => {
      expect(ContainerImage.fromRegistry('example/app:1').missingTools()).toEqual({ tools: [], why: '', probe: undefined });
    });

    test('given declared missing tools on an unknown image, then they are missing because they were declared', () => {
      expect(ContainerImage.fromRegistry('example/app:1', { missingTools: ['curl'] }).missingTools()).toEqual({
        tools: ['curl'],
        why: 'declared missing for example/app:1',
        probe: undefined,
      });
    });

    test('given declared missing tools on a known image, then they follow the known ones, with the known reason and probe', () => {
      expect(ContainerImage.fromRegistry('redis:7', { missingTools: ['nc'] }).missingTools()).toEqual({
        tools: ['curl', 'wget', 'python', 'python3', 'nc'],
        why: 'redis images ship only redis tools',
        probe: "HealthCheck.command(['redis-cli', 'ping']) (Redis's default)",
      });
    });
  });

  describe('fromBuild', () => {
    let context: string;
    beforeAll(() => {
      context = makeDirectory({ Dockerfile: 'FROM scratch\n', 'Other.dockerfile': 'FROM scratch\n' });
    });
    afterAll(() => fs.rmSync(context, { recursive: true, force: true }));

    test('given a directory with a Dockerfile and a tag, then it is a pinned local build', () => {
      const image = ContainerImage.fromBuild(context, { tag: 'shop-api:dev', dockerfile: 'Other.dockerfile', buildArgs: { VERSION: '1' } });
      expect(image).toMatchObject({ reference: 'shop-api:dev', tag: 'dev', isLocalBuild: true, isPinned: true });
      expect(image.buildContext).toEqual({ context, dockerfile: 'Other.dockerfile', buildArgs: { VERSION: '1' } });
    });

    test('given only a tag, then it builds ./Dockerfile without build arguments and nothing is declared missing', () => {
      const image = ContainerImage.fromBuild(context, { tag: 'shop-api:dev' });
      expect(image.buildContext).toEqual({ context, dockerfile: 'Dockerfile', buildArgs: {} });
      expect(image.missingTools()).toEqual({ tools: [], why: '', probe: undefined });
    });

    const directoryFix = `pass the directory holding the Dockerfile (${UNSET_HINT})`;
    const optionsFix = 'pass { tag }, e.g. { tag: "shop-api:dev" }';
    test.each([
      ['no directory (undefined)', () => ContainerImage.fromBuild(undefined as unknown as string, { tag: 'a:1' }), 'contextDirectory', 'no build context directory given', directoryFix],
      ['no directory (null)', () => ContainerImage.fromBuild(null as unknown as string, { tag: 'a:1' }), 'contextDirectory', 'no build context directory given', directoryFix],
      ['an empty directory', () => ContainerImage.fromBuild('', { tag: 'a:1' }), 'contextDirectory', 'an empty directory', directoryFix],
      ['a blank directory', () => ContainerImage.fromBuild('  ', { tag: 'a:1' }), 'contextDirectory', 'an empty directory', directoryFix],
      ['a directory that is a number', () => ContainerImage.fromBuild(42 as unknown as string, { tag: 'a:1' }), 'contextDirectory', 'a number, not a path', directoryFix],
      [
        'a directory without a Dockerfile',
        () => ContainerImage.fromBuild(os.tmpdir(), { tag: 'a:1', dockerfile: 'Surely-Missing.dockerfile' }),
        'dockerfile',
        `no Surely-Missing.dockerfile in ${path.resolve(os.tmpdir())}`,
        'check the context directory, or name the Dockerfile with dockerfile',
      ],
      [
        'a directory that does not exist',
        () => ContainerImage.fromBuild('/surely/missing/dir', { tag: 'a:1' }),
        'dockerfile',
        'no Dockerfile in /surely/missing/dir',
        'check the context directory, or name the Dockerfile with dockerfile',
      ],
      ['no options', () => ContainerImage.fromBuild(context, undefined as unknown as { tag: string }), 'options', 'no options: the image needs a tag', optionsFix],
      ['null options', () => ContainerImage.fromBuild(context, null as unknown as { tag: string }), 'options', 'not an options object', optionsFix],
      // A likely slip: the tag passed where its options belong.
      ['the tag instead of options', () => ContainerImage.fromBuild(context, 'shop-api:dev' as unknown as { tag: string }), 'options', 'not an options object', optionsFix],
      ['no tag', () => ContainerImage.fromBuild(context, {} as { tag: string }), 'tag', 'no tag given', `${REFERENCE_FIX} (${UNSET_HINT})`],
      ['an empty tag', () => ContainerImage.fromBuild(context, { tag: '' }), 'tag', 'an empty tag', `${REFERENCE_FIX} (${UNSET_HINT})`],
      ['a tag that is not a reference', () => ContainerImage.fromBuild(context, { tag: 'Bad Tag' }), 'tag', `${NOT_A_REFERENCE}: it contains a space`, REFERENCE_FIX],
      ['a name without a tag', () => ContainerImage.fromBuild(context, { tag: 'app' }), 'tag', 'a name without a tag', 'add a tag, e.g. "app:dev"'],
      ['a registry port mistaken for a tag', () => ContainerImage.fromBuild(context, { tag: 'localhost:5000/app' }), 'tag', 'a name without a tag', 'add a tag, e.g. "localhost:5000/app:dev"'],
      [
        'a build argument that is not a string',
        () => ContainerImage.fromBuild(context, { tag: 'a:1', buildArgs: { N: 1 as unknown as string } }),
        'buildArgs.N',
        'a number, not a string',
        'pass the build argument as text, e.g. "1"',
      ],
      [
        'a dockerfile that is not a string',
        () => ContainerImage.fromBuild(context, { tag: 'a:1', dockerfile: 1 as unknown as string }),
        'dockerfile',
        'a number, not a string',
        'pass the Dockerfile\'s path relative to the context, e.g. "Dockerfile"',
      ],
    ])('fails when given %s, naming ContainerImage.fromBuild, the field, what is wrong and the fix', (_what, make, field, message, fix) => {
      expect(problemOf(make)).toMatchObject({ path: 'ContainerImage.fromBuild', field, message, fix });
    });

    test('fails with every bad option at once', () => {
      const problems = problemsOf(() => ContainerImage.fromBuild('/surely/missing/dir', { tag: 'app', buildArgs: { N: 1 as unknown as string } }));
      expect(problems.map((p) => p.field)).toEqual(['tag', 'buildArgs.N', 'dockerfile']);
    });
  });

  describe('bind', () => {
    test('given a registry image bound twice, and another image of the same reference, then one docker_image pulls it and is kept locally', () => {
      const stack = newStack();
      const image = ContainerImage.fromRegistry('redis:7');
      // Outputs show what bind returns once synthesized.
      [image, image, ContainerImage.fromRegistry('redis:7')].forEach((each, i) => new TerraformOutput(stack, `id${i}`, { value: each.bind(stack) }));
      const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, unknown>; output: Record<string, { value: string }> };
      expect(json.resource.docker_image).toEqual({ 'image-redis-7': { name: 'redis:7', keep_locally: true } });
      // The image id, not the name: a rebuilt tag reaches the containers.
      expect(Object.values(json.output).map((output) => output.value)).toEqual(Array(3).fill('${docker_image.image-redis-7.image_id}'));
    });

    test('given a reference with runs of separators, then each run is one dash in the resource id', () => {
      expect(Object.keys(synthImages(ContainerImage.fromRegistry('example/app__x:1')))).toEqual(['image-example-app-x-1']);
    });

    test('given a local build, then docker_image builds the context with its Dockerfile, tag and build arguments', () => {
      const context = makeDirectory({ 'api.dockerfile': 'FROM scratch\n' });
      try {
        const images = synthImages(ContainerImage.fromBuild(context, { tag: 'shop-api:dev', dockerfile: 'api.dockerfile', buildArgs: { VERSION: '1' } }));
        expect(images['image-shop-api-dev']).toMatchObject({
          name: 'shop-api:dev',
          keep_locally: true,
          build: { context, dockerfile: 'api.dockerfile', build_args: { VERSION: '1' }, tag: ['shop-api:dev'] },
        });
      } finally {
        fs.rmSync(context, { recursive: true, force: true });
      }
    });
  });

  // The trigger that makes Terraform rebuild the image when a file of its context changes.
  describe('build context hash', () => {
    const made: string[] = [];
    afterEach(() => {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });

    function contextWith(files: Readonly<Record<string, string>>): string {
      const dir = makeDirectory({ Dockerfile: 'FROM scratch\n', ...files });
      made.push(dir);
      return dir;
    }

    function hashOf(context: string): string {
      const { triggers } = synthImages(ContainerImage.fromBuild(context, { tag: 'app:1' }))['image-app-1'];
      if (!triggers) throw new Error('a local build has a context trigger');
      return triggers.context;
    }

    test('is the sha256 of each file path and content, NUL-separated', () => {
      const expected = createHash('sha256').update('Dockerfile\0FROM scratch\n\0').digest('hex');
      expect(hashOf(contextWith({}))).toBe(expected);
    });

    test('changes when a file changes, also in a subdirectory', () => {
      const context = contextWith({ 'src/main.py': 'print(1)\n' });
      const before = hashOf(context);
      fs.writeFileSync(path.join(context, 'src/main.py'), 'print(2)\n');
      expect(hashOf(context)).not.toBe(before);
    });

    test.each(['node_modules', '.git', '__pycache__'])('ignores what is under %s (not part of the image, or rebuilt by it)', (skipped) => {
      const context = contextWith({ 'src/main.py': 'print(1)\n' });
      const before = hashOf(context);
      fs.mkdirSync(path.join(context, skipped));
      fs.writeFileSync(path.join(context, skipped, 'file'), 'anything\n');
      // Skipped at any depth, not only at the root.
      fs.mkdirSync(path.join(context, 'src', skipped));
      fs.writeFileSync(path.join(context, 'src', skipped, 'file'), 'anything\n');
      expect(hashOf(context)).toBe(before);
    });

    test('does not follow symbolic links: a dangling one neither breaks nor changes it', () => {
      const context = contextWith({});
      const before = hashOf(context);
      fs.symlinkSync(path.join(context, 'surely-missing'), path.join(context, 'link'));
      expect(hashOf(context)).toBe(before);
    });
  });
});
