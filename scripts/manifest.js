#!/usr/bin/env node
// Writes shared/manifest.ts from strapi-plugin.json, so uids and actions keep their literal types in TypeScript.
// `node scripts/manifest.js --check` fails when the generated file is out of date (run by the tests).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'strapi-plugin.json'), 'utf8'));
const target = path.join(root, 'shared', 'manifest.ts');

const body = `// Generated from strapi-plugin.json by scripts/manifest.js. Do not edit: edit the manifest and run \`npm run manifest\`.
export const manifest = ${JSON.stringify(manifest, null, 2)} as const;

export const PLUGIN_ID = manifest.id;
export const UIDS = manifest.contentTypes;
export type NewsroomUid = (typeof UIDS)[keyof typeof UIDS];

/** Admin permission action ids as Strapi stores them: \`plugin::<id>.<uid>\`. */
export const ACTIONS = {
${Object.entries(manifest.actions)
  .map(([key, action]) => `  ${key}: 'plugin::${manifest.id}.${action.uid}',`)
  .join('\n')}
} as const;
export type NewsroomAction = (typeof ACTIONS)[keyof typeof ACTIONS];
`;

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== body) {
    console.error('shared/manifest.ts is out of date: run `npm run manifest`.');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, body);
}
