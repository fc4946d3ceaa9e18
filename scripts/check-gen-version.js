#!/usr/bin/env node
// Fails when the committed bindings in .gen/ were generated for other provider versions than
// the ones cdktf.json pins: code compiled against one schema and deployed with another drifts
// silently.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

function check() {
  let versions;
  let constraints;
  try {
    versions = readJson('.gen/versions.json');
    constraints = readJson('.gen/constraints.json').providers;
  } catch (err) {
    return [`.gen/ is missing or unreadable (${err.message})`];
  }
  const problems = [];
  for (const spec of readJson('cdktf.json').terraformProviders) {
    const pinned = /^([a-z0-9-]+)\/([a-z0-9-]+)@\s*=\s*(\d+\.\d+\.\d+)$/.exec(spec);
    if (!pinned) {
      problems.push(`cdktf.json: "${spec}" must be pinned exactly, e.g. "kreuzwerker/docker@= 4.6.0"`);
      continue;
    }
    const [, namespace, type, version] = pinned;
    const generated = versions[`registry.terraform.io/${namespace}/${type}`];
    if (generated !== version) {
      problems.push(`.gen/versions.json has ${namespace}/${type} ${generated ?? '(none)'}, cdktf.json pins ${version}`);
    }
    if (constraints[type] !== `= ${version}`) {
      problems.push(`.gen/constraints.json has ${type} "${constraints[type] ?? '(none)'}", cdktf.json pins "= ${version}"`);
    }
  }
  return problems;
}

const problems = check();
if (problems.length > 0) {
  console.error(`check-gen-version: ${problems.join('; ')}.\nRegenerate the bindings with \`npm run get\` and commit .gen/.`);
  process.exit(1);
}
console.log('check-gen-version: .gen/ matches the providers pinned in cdktf.json');
