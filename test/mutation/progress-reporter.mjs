// A Stryker reporter ("mutation-progress") that leaves a trail for test/mutation/run.mjs: the
// mutants the run plans to test, then one line per mutant tested. When the wrapper stops a run
// at its time cap, it reads the trail and prints what was left untested.
import fs from 'node:fs';
import path from 'node:path';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

export const PROGRESS_DIR = path.join('reports', 'mutation');
export const PLAN_FILE = path.join(PROGRESS_DIR, 'plan.json');
export const TESTED_FILE = path.join(PROGRESS_DIR, 'tested.txt');

class MutationProgressReporter {
  static inject = [];

  constructor() {
    fs.mkdirSync(PROGRESS_DIR, { recursive: true });
    fs.rmSync(PLAN_FILE, { force: true });
    fs.writeFileSync(TESTED_FILE, '');
  }

  onMutationTestingPlanReady({ mutantPlans }) {
    const toTest = mutantPlans
      .filter((plan) => plan.plan === 'Run')
      .map(({ mutant }) => ({
        id: mutant.id,
        file: path.relative(process.cwd(), mutant.fileName),
        line: mutant.location.start.line + 1,
        column: mutant.location.start.column + 1,
        mutator: mutant.mutatorName,
        replacement: mutant.replacement,
      }));
    fs.writeFileSync(PLAN_FILE, JSON.stringify({ planned: mutantPlans.length, toTest }));
  }

  onMutantTested(result) {
    fs.appendFileSync(TESTED_FILE, `${result.id}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'mutation-progress', MutationProgressReporter)];
