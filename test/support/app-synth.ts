import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerApp, StackValidationError } from '../../constructs';

/** What DockerApp.synth did with a real output directory: the messages it stopped with, and the files it wrote. */
export interface AppSynthResult {
  readonly messages: readonly string[];
  readonly written: readonly string[];
}

/**
 * Builds an app with `build` in a fresh temporary output directory, synthesizes it and reports
 * the StackValidationError's messages (empty when it passed) and every file written (directories aside); the
 * directory is removed afterwards. Any other error fails the test.
 */
export function synthApp(build: (app: DockerApp) => void): AppSynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cds-app-'));
  try {
    const app = new DockerApp({ outdir });
    build(app);
    let messages: readonly string[] = [];
    try {
      app.synth();
    } catch (error) {
      if (!StackValidationError.isStackValidationError(error)) throw error;
      messages = error.messages;
    }
    // cdktf's App constructor makes the empty directories `<outdir>/stacks`; files are the output.
    const written = fs
      .readdirSync(outdir, { recursive: true })
      .map(String)
      .filter((entry) => fs.statSync(path.join(outdir, entry)).isFile())
      .sort();
    return { messages, written };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The messages of the rule `ruleId`. */
export function ofRule(messages: readonly string[], ruleId: string): string[] {
  return messages.filter((m) => m.startsWith(`[${ruleId}]`));
}
