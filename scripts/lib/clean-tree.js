// Every command of the README writes only to ignored folders: a changed tracked file, or a new file git would pick up, is a bug.
'use strict';
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..', '..');

/** Throws, naming the files, when `git status --porcelain` lists anything. */
const assertCleanTree = (after) => {
  const status = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim();
  if (status) throw new Error(`after ${after}, git status lists files the run changed or created:\n${status}`);
};

module.exports = { assertCleanTree };
if (require.main === module) {
  try {
    assertCleanTree(process.argv[2] ?? 'this run');
    console.log('[clean-tree] git status is clean');
  } catch (error) {
    console.error(`[clean-tree] FAILED: ${error.message}`);
    process.exit(1);
  }
}
