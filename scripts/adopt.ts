// Runs cli/adopt.ts for one synthesized stack until the package's own command exists:
//   npm run adopt -- <stack> [outdir]
import { adopt, AdoptError } from '../cli/adopt';

const [stack, outdir] = process.argv.slice(2);
if (!stack) {
  console.error('usage: npm run adopt -- <stack> [outdir, default cdktf.out]  (run `cdktf synth` first)');
  process.exit(2);
}
adopt({ stack, outdir, log: (line) => console.log(line) }).then(
  (report) => console.log(`adopted ${stack}: ${report.imported.length} imported, ${report.created.length} created in the state`),
  (error: unknown) => {
    console.error(error instanceof AdoptError ? error.message : error);
    process.exit(1);
  },
);
