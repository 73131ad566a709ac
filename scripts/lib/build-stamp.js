// A build is fresh when its outputs are the ones a stamp recorded and its inputs hash as they did then: dates never decide.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

const files = (target) => {
  if (!fs.existsSync(target)) return [];
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target).sort().flatMap((name) => files(path.join(target, name)));
};

/** sha256 over the relative paths and contents of every file under `paths` (relative to the repository). */
const hashOf = (paths) => {
  const hash = crypto.createHash('sha256');
  for (const file of paths.flatMap((p) => files(path.join(root, p)))) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
};

/**
 * The stamp of one build: `name` names its file under node_modules/.cache (never in a published
 * or tracked folder), `inputs` what it is built from, `outputs` the files it must have written.
 */
const buildStamp = (name, { inputs, outputs }) => {
  const file = path.join(root, 'node_modules', '.cache', 'strapi-plugin-newsroom', `${name}.json`);
  return {
    isFresh() {
      if (!outputs.every((output) => fs.existsSync(path.join(root, output)))) return false;
      try {
        const stamp = JSON.parse(fs.readFileSync(file, 'utf8'));
        return stamp.inputs === hashOf(inputs) && stamp.outputs === hashOf(outputs);
      } catch {
        return false;
      }
    },
    /** Runs `build` with the stamp removed, then stamps the inputs as they were when it started. */
    async record(build) {
      const before = hashOf(inputs);
      fs.rmSync(file, { force: true });
      await build();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ inputs: before, outputs: hashOf(outputs), builtAt: new Date().toISOString() }, null, 2));
    },
  };
};

module.exports = { buildStamp, hashOf };
