import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a plugin source file, node internals or the VM. */
const ownerOf = (url: string) => {
  if (!url) return '(vm)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.relative(process.cwd(), file);
};

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Inclusive time of frames (function @ file:line), counted once per sample. */
  inclusive: Array<{ frame: string; ms: number; share: number }>;
  /** Self time by package / source file. */
  selfByOwner: Array<{ owner: string; ms: number; share: number }>;
}

const summarize = (profile: Profile, file: string): ProfileSummary => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} @ ${ownerOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
      if (name !== '(idle)') {
        total += ms;
        self.set(name, (self.get(name) ?? 0) + ms);
      }
      return;
    }
    total += ms;
    self.set(ownerOf(node.callFrame.url), (self.get(ownerOf(node.callFrame.url)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = byId.get(parent.get(current.id) ?? -1)) {
      const k = key(current);
      if (seen.has(k) || current.callFrame.functionName === '(root)') continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((x, y) => y[1] - x[1]).slice(0, n).map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10 }));
  return {
    file,
    totalMs: Math.round(total),
    inclusive: top(inclusive, 60).map(({ name, ms, share }) => ({ frame: name, ms, share })),
    selfByOwner: top(self, 25).map(({ name, ms, share }) => ({ owner: name, ms, share })),
  };
};

/** CPU profile of this (the server) process, started and stopped around a measured load. */
export const createProfiler = () => {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  return {
    async start() {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
    },
    async stop(file: string): Promise<ProfileSummary> {
      const { profile } = (await post('Profiler.stop')) as { profile: Profile };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      return summarize(profile, path.relative(process.cwd(), file));
    },
  };
};
