// The plugin's server from server/src: the caller compiles TypeScript (jest's transform, or `node -r esbuild-register`).
module.exports = require('../../server/src/index.ts');
