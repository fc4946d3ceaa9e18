import { Token } from 'cdktf';
import { terraformLiteral } from '../../../constructs/private/terraform-literal';

describe('terraformLiteral', () => {
  test.each([
    ['plain text', 'hello', 'hello'],
    ['a lone dollar and percent', 'cost $5, 50%', 'cost $5, 50%'],
    ['a shell variable', 'echo ${HOME}', 'echo $${HOME}'],
    ['a template directive', '%{ if x }', '%%{ if x }'],
    ['text that looks escaped already (it is literal: Terraform reads $$${ as $ and ${)', 'a $${b}', 'a $$${b}'],
    ['two of each', '${a}${b} %{c}%{d}', '$${a}$${b} %%{c}%%{d}'],
  ])('given %s, then every ${ and %{ is escaped', (_what, text, expected) => {
    expect(terraformLiteral(text)).toBe(expected);
  });

  test('given a cdktf token in the text, then the token is kept and only the text around it is escaped', () => {
    const token = Token.asString({ resolve: () => 'x' });
    expect(token).toMatch(/^\$\{TfToken\[/);
    expect(terraformLiteral(`\${HOME}/${token}/%{x}`)).toBe(`$\${HOME}/${token}/%%{x}`);
  });
});
