/**
 * Preloaded (`node -r esbuild-register -r tests/helpers/map-plugin-sources.ts ...`) by processes the
 * tests start, so they run the plugin's TypeScript sources like the in-process tests do.
 */
import Module from 'node:module';
import path from 'node:path';

const repo = path.resolve(__dirname, '..', '..');
const entry = path.join(repo, 'dist', 'server', 'index.js');
const sources = path.join(repo, 'server', 'src', 'index.ts');
type Resolver = (request: string, parent: unknown, isMain: boolean, options: unknown) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolver };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function resolveSources(request, parent, isMain, options) {
  const resolved = resolve.call(this, request, parent, isMain, options);
  return resolved === entry ? sources : resolved;
};
