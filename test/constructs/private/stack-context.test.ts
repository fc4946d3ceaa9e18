import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DockerStack } from '../../../constructs';
import { brand } from '../../../constructs/private/brand';
import { stackContextOf } from '../../../constructs/private/stack-context';
import { problemOf } from '../../support/factory-error';

// constructs/private/stack-context.ts: how a construct reaches its DockerStack.

const FIX = 'create them in a DockerStack (new DockerStack(app, "name")) or a construct inside one';

describe('stackContextOf', () => {
  test('given a construct nested in a DockerStack, then that stack, with its name prefix and engine', () => {
    const stack = new DockerStack(Testing.app(), 'shop', { namePrefix: 'eshop', dockerHost: 'tcp://10.0.0.5:2376' });
    const deep = new Construct(new Construct(stack, 'group'), 'leaf');

    const context = stackContextOf(deep);

    expect(context).toBe(stack);
    expect(context.namePrefix).toBe('eshop');
    expect(context.dockerHost).toBe('tcp://10.0.0.5:2376');
    expect(context.probesStartInterval).toBe(true);
  });

  test('given the DockerStack itself, then the stack', () => {
    const stack = new DockerStack(Testing.app(), 'shop');
    expect(stackContextOf(stack)).toBe(stack);
  });

  test('given a stack branded by another installed copy of the library, then it is accepted', () => {
    // Given a stack recognised only by its brand, as a DockerStack of another copy would be
    const other = new TerraformStack(Testing.app(), 'other');
    brand(other, 'DockerStack');

    expect(stackContextOf(new Construct(other, 'x'))).toBe(other);
  });

  test('fails when the construct is in no stack at all', () => {
    const loose = new Construct(Testing.app(), 'loose');

    expect(problemOf(() => stackContextOf(loose))).toEqual({
      ruleId: 'props',
      path: 'loose',
      field: '(scope)',
      value: '(no stack)',
      message: 'services, networks, volumes and secrets must be created inside a DockerStack',
      fix: FIX,
    });
  });

  test('fails when the construct is in a plain TerraformStack, naming that stack', () => {
    const plain = new TerraformStack(Testing.app(), 'plain');
    const inner = new Construct(new Construct(plain, 'group'), 'x');

    expect(problemOf(() => stackContextOf(inner))).toMatchObject({ path: 'plain/group/x', field: '(scope)', value: 'plain', fix: FIX });
  });

  test('fails when given a plain TerraformStack itself', () => {
    const plain = new TerraformStack(Testing.app(), 'plain');

    expect(problemOf(() => stackContextOf(plain))).toMatchObject({ path: 'plain', value: 'plain' });
  });

  test('fails when the nearest stack is a plain TerraformStack, even inside a DockerStack', () => {
    const outer = new DockerStack(Testing.app(), 'outer');
    const inner = new TerraformStack(outer, 'inner');

    expect(problemOf(() => stackContextOf(new Construct(inner, 'x')))).toMatchObject({ path: 'outer/inner/x', value: 'outer/inner' });
  });
});
