import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const PLAYGROUND = path.join(REPO, 'playground');
export const PLAYGROUND_DIST = path.join(PLAYGROUND, 'dist');
