// Builds the API reference model the way `npm run docs:api` does (typedoc.json, validation
// included) without writing the HTML, and prints what is wrong with it as one JSON object:
//   { reflections, names, warnings, errors, missingDefaults }
// typedoc is an ES module, which jest's CommonJS runtime cannot load, so
// test/docs/api-reference.test.ts runs this file with node and reads its output.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, Logger, LogLevel, ReflectionKind, TSConfigReader, TypeDocReader } from 'typedoc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Keeps every warning and error instead of printing it. */
class RecordingLogger extends Logger {
  warnings = [];
  errors = [];
  log(message, level) {
    if (level === LogLevel.Warn) this.warnings.push(message);
    if (level === LogLevel.Error) this.errors.push(message);
  }
}

/**
 * Optional properties of the interfaces a user fills in (props, options, mappings) that carry no
 * `@default` tag. The rule interfaces (constructs/rules/rule.ts) are read-only views the library
 * fills in, so a default means nothing there.
 */
function missingDefaults(project) {
  const views = new Set(['RuleContext', 'RuleNetwork', 'RuleService', 'RuleStack', 'RuleStackNetwork', 'AppRuleContext', 'StackContext']);
  return project
    .getReflectionsByKind(ReflectionKind.Property)
    .filter((property) => property.flags.isOptional && !property.inheritedFrom)
    .filter((property) => {
      let owner = property.parent;
      while (owner && owner.kindOf(ReflectionKind.TypeLiteral)) owner = owner.parent?.parent ?? owner.parent;
      return owner?.kindOf(ReflectionKind.Interface) && !views.has(owner.name);
    })
    .filter((property) => !property.comment?.getTag('@default'))
    .map((property) => property.getFullName());
}

const logger = new RecordingLogger();
const app = await Application.bootstrapWithPlugins({ options: path.join(root, 'typedoc.json') }, [new TypeDocReader(), new TSConfigReader()]);
app.logger = logger;
const project = await app.convert();
if (project) app.validate(project);
process.stdout.write(
  JSON.stringify({
    reflections: project ? Object.keys(project.reflections).length : 0,
    names: project ? Object.values(project.reflections).map((reflection) => reflection.getFullName()) : [],
    warnings: logger.warnings,
    errors: project ? logger.errors : [...logger.errors, 'typedoc converted nothing'],
    missingDefaults: project ? missingDefaults(project) : [],
  }),
);
