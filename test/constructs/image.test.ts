import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatProblem } from '../../constructs/errors';
import { ContainerImage } from '../../constructs/image';
import { problemOf, problemsOf } from '../support/factory-error';

// A value type: tested without a stack.
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
      expect(image).toMatchObject({ reference, tag, digest, isPinned: pinned, isLocalBuild: false });
      expect(`${image}`).toBe(reference);
    });

    test.each([
      ['undefined (an unset environment variable)', undefined, 'no image reference given'],
      ['null', null, 'no image reference given'],
      ['empty', '', 'an empty image reference'],
      ['a number', 42, 'a number, not a string'],
      ['not a reference', 'Bad Ref!', 'not an image reference [registry/]name[:tag][@sha256:digest]: it contains a space'],
      ['in capitals', 'Postgres:17', 'not an image reference [registry/]name[:tag][@sha256:digest]: names are lowercase'],
      ['an empty tag', 'app:', 'not an image reference [registry/]name[:tag][@sha256:digest]'],
    ])('fails when the reference is %s, naming ContainerImage.fromRegistry, the field and the value', (_what, reference, message) => {
      const problem = problemOf(() => ContainerImage.fromRegistry(reference as string));
      expect(problem).toMatchObject({ path: 'ContainerImage.fromRegistry', field: 'reference', message });
      expect(problem.value).toEqual(reference);
      expect(problem.fix).toContain('"postgres:17-alpine"');
    });

    test('given images.app = "Bad Ref!", when refused, then the line says what a reference is', () => {
      expect(formatProblem(problemOf(() => ContainerImage.fromRegistry('Bad Ref!')))).toBe(
        '[props] ContainerImage.fromRegistry: reference = "Bad Ref!": not an image reference [registry/]name[:tag][@sha256:digest]: it contains a space. Fix: write name:tag in lowercase, e.g. "postgres:17-alpine" or "chromadb/chroma:1.0.15"',
      );
    });

    test.each([
      ['a string', 'curl'],
      ['a list holding a number', ['curl', 1]],
      ['null', null],
    ])('fails when missingTools is %s', (_what, missingTools) => {
      expect(problemOf(() => ContainerImage.fromRegistry('app:1', { missingTools: missingTools as string[] }))).toMatchObject({
        path: 'ContainerImage.fromRegistry',
        field: 'missingTools',
        value: missingTools,
      });
    });

    test('given declared missing tools, then they join what is known of the image', () => {
      expect(ContainerImage.fromRegistry('example/app:1', { missingTools: ['curl'] }).missingTools().tools).toEqual(['curl']);
    });
  });

  describe('fromBuild', () => {
    let context: string;
    beforeAll(() => {
      context = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-image-test-'));
      fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\n');
      fs.writeFileSync(path.join(context, 'Other.dockerfile'), 'FROM scratch\n');
    });
    afterAll(() => fs.rmSync(context, { recursive: true, force: true }));

    test('given a directory with a Dockerfile and a tag, then it is a pinned local build', () => {
      const image = ContainerImage.fromBuild(context, { tag: 'shop-api:dev', dockerfile: 'Other.dockerfile', buildArgs: { VERSION: '1' } });
      expect(image).toMatchObject({ reference: 'shop-api:dev', tag: 'dev', isLocalBuild: true, isPinned: true });
    });

    test.each([
      ['no directory (undefined)', () => ContainerImage.fromBuild(undefined as unknown as string, { tag: 'a:1' }), 'contextDirectory', 'no build context directory given'],
      ['a directory without a Dockerfile', () => ContainerImage.fromBuild(os.tmpdir(), { tag: 'a:1', dockerfile: 'Surely-Missing.dockerfile' }), 'dockerfile', /^no Surely-Missing.dockerfile in /],
      ['a directory that does not exist', () => ContainerImage.fromBuild('/surely/missing/dir', { tag: 'a:1' }), 'dockerfile', 'no Dockerfile in /surely/missing/dir'],
      ['no options', () => ContainerImage.fromBuild(context, undefined as unknown as { tag: string }), 'options', 'no options: the image needs a tag'],
      ['no tag', () => ContainerImage.fromBuild(context, {} as { tag: string }), 'tag', 'no tag given'],
      ['a tag that is not a reference', () => ContainerImage.fromBuild(context, { tag: 'Bad Tag' }), 'tag', /^not an image reference/],
      ['a name without a tag', () => ContainerImage.fromBuild(context, { tag: 'app' }), 'tag', 'a name without a tag'],
      ['a registry port mistaken for a tag', () => ContainerImage.fromBuild(context, { tag: 'localhost:5000/app' }), 'tag', 'a name without a tag'],
      ['a build argument that is not a string', () => ContainerImage.fromBuild(context, { tag: 'a:1', buildArgs: { N: 1 as unknown as string } }), 'buildArgs.N', 'a number, not a string'],
      ['a dockerfile that is not a string', () => ContainerImage.fromBuild(context, { tag: 'a:1', dockerfile: 1 as unknown as string }), 'dockerfile', 'a number, not a string'],
    ])('fails when given %s, naming ContainerImage.fromBuild and the field', (_what, make, field, message) => {
      const problem = problemOf(make);
      expect(problem).toMatchObject({ path: 'ContainerImage.fromBuild', field });
      if (typeof message === 'string') expect(problem.message).toBe(message);
      else expect(problem.message).toMatch(message);
    });

    test('fails with every bad option at once', () => {
      const problems = problemsOf(() => ContainerImage.fromBuild('/surely/missing/dir', { tag: 'app', buildArgs: { N: 1 as unknown as string } }));
      expect(problems.map((p) => p.field)).toEqual(['tag', 'buildArgs.N', 'dockerfile']);
    });
  });
});
