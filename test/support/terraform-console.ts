import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * What Terraform makes of `expression` for each of `values`: one `terraform console` run (about
 * 0.1 s, no provider, no state) in a fresh temporary directory. The values reach Terraform as
 * strings decoded from JSON, as a `TF_VAR_` value or a string in `cdk.tf.json` does;
 * `expression` gets the name of the value and returns HCL using it.
 */
export function evaluateInTerraform(values: readonly string[], expression: (value: string) => string): unknown[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-console-'));
  try {
    fs.writeFileSync(path.join(dir, 'values.json'), JSON.stringify(values));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'locals {\n  values = jsondecode(file("${path.module}/values.json"))\n}\n');
    const printed = execFileSync('terraform', ['console'], {
      cwd: dir,
      input: `jsonencode([for v in local.values : ${expression('v')}])\n`,
      // No CLI configuration is needed (no provider); the environment's points at a missing file.
      env: { ...process.env, TF_CLI_CONFIG_FILE: '', CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The console prints the JSON text as a quoted string.
    return JSON.parse(JSON.parse(printed.trim()) as string) as unknown[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
