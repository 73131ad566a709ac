// Builds the plugin (dist/) when a source file is newer than the last build; Strapi loads only dist/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const output = path.join(root, 'dist', 'server', 'index.js');

const newest = (dir) => {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
};

const buildIfStale = () => {
  const sources = Math.max(
    ...['server/src', 'admin/src', 'shared'].map((dir) => newest(path.join(root, dir))),
    fs.statSync(path.join(root, 'strapi-plugin.json')).mtimeMs,
    fs.statSync(path.join(root, 'package.json')).mtimeMs
  );
  if (fs.existsSync(output) && fs.statSync(output).mtimeMs >= sources) return false;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'manifest.js')], { stdio: 'inherit' });
  execFileSync(path.join(root, 'node_modules', '.bin', 'strapi-plugin'), ['build'], { cwd: root, stdio: 'inherit' });
  return true;
};

module.exports = { buildIfStale };
if (require.main === module) buildIfStale();
