#!/usr/bin/env node
// `npm run playground:reset`: forgets the playground's SQLite database and uploads; the next `npm run develop` starts as a fresh clone does.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const playground = path.resolve(__dirname, '..', 'playground');
fs.rmSync(path.join(playground, '.tmp'), { recursive: true, force: true });
const uploads = path.join(playground, 'public', 'uploads');
for (const name of fs.existsSync(uploads) ? fs.readdirSync(uploads) : []) {
  if (name !== '.gitkeep') fs.rmSync(path.join(uploads, name), { recursive: true, force: true });
}
console.log('[newsroom] playground reset: the next `npm run develop` creates the database and loads the sample story again');
