import path from 'node:path';
import { mergeConfig, type UserConfig } from 'vite';

// Serve the plugin's admin from its TypeScript sources so edits hot-reload (no plugin rebuild).
export default (config: UserConfig) =>
  mergeConfig(config, {
    resolve: {
      alias: {
        [path.resolve(__dirname, '../../../dist/admin/index.mjs')]: path.resolve(__dirname, '../../../admin/src/index.ts'),
      },
    },
  });
