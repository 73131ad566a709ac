import fs from 'node:fs';
import path from 'node:path';

/**
 * The playground's root folder. Config files run from `config/` (admin bundling) and from
 * `dist/config/` (server start), so the root is found by walking up to our package.json.
 */
const findAppRoot = (from: string): string => {
  let dir = from;
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'newsroom-playground') return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`newsroom playground: no package.json named newsroom-playground above ${from}`);
};

export const appRoot = findAppRoot(__dirname);
/** The plugin is this repository itself. */
export const pluginRoot = path.resolve(appRoot, '..');
/** The same plugin loaded from its TypeScript sources (tests, benchmarks): `NEWSROOM_PLUGIN_FROM=sources`. */
export const pluginSources = path.join(pluginRoot, 'tests', 'plugin-sources');
