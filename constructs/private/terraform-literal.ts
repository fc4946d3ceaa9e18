/**
 * A user's text as a literal in Terraform JSON. Terraform reads `${...}` and `%{...}` in every
 * string as a template: a shell script's `${HOME}`, a command's `${PATH}` or an environment
 * value `x${y}` would otherwise be evaluated (an error at plan, or silently another value).
 * Terraform's escapes `$${` and `%%{` keep them literal; the provider then stores and reads
 * back the text as written, so a deploy is followed by an empty diff.
 *
 * cdktf tokens inside the text (`${TfToken[TOKEN.12]}`, a reference the library or the user
 * put there on purpose) are kept as they are; only the text around them is escaped. Every
 * `${` of the text is escaped, also one after a `$`: Terraform reads `$$${` as `$` and `${`.
 */
const TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

export function terraformLiteral(text: string): string {
  let out = '';
  let index = 0;
  for (const match of text.matchAll(TOKEN)) {
    out += escapeTemplates(text.slice(index, match.index)) + match[0];
    index = match.index + match[0].length;
  }
  return out + escapeTemplates(text.slice(index));
}

function escapeTemplates(text: string): string {
  // A function, not a replacement string: in one, `$$` stands for a single `$`.
  return text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

/** The text a `terraformLiteral` stands for (what Terraform hands the provider), for tools that read the JSON back. */
export function fromTerraformLiteral(text: string): string {
  return text.replaceAll('$${', () => '${').replaceAll('%%{', () => '%{');
}
