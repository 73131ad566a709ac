import { fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

import { cpuMeter, type CpuMeter } from './cpu';
import { articlePath, assemble, linksPath, readArticle, readLinks, targetsPath } from './core-page';
import { percentile } from './report';
import { BROWSER } from '../../tests/helpers/user-agents';

/**
 * Load generation runs in a child process (this file, forked), so autocannon's own CPU time never
 * shares the event loop of the Strapi server it measures. Every target is driven the same way:
 * autocannon, N keep-alive connections for D seconds after a W-second warm-up, one request in flight
 * per connection. A "page" is one request for the plugin route and the floor, and the chain of three
 * requests for core REST; its latency is taken in the load generator from the moment the first
 * request is built to the moment the last answer is parsed, so the three targets are timed alike.
 */
export type LoadTarget =
  | {
      type: 'paths';
      method: 'GET' | 'POST';
      /** `:slug` is replaced, rotating over `slugs` */
      template: string;
      /** A JSON body per slug (POST), e.g. the related click each story's list accepts. */
      bodies?: Record<string, string>;
      /** Revalidation: the ETag to send as If-None-Match per slug; the answer must then be this status (304). */
      etags?: Record<string, string>;
      status?: number;
      /** Each request from a reader of its own (a browser user agent with a running number), so a dedupe window never swallows one. */
      readers?: boolean;
    }
  | { type: 'core-page'; maxRelated: number };

export interface LoadSpec {
  url: string;
  target: LoadTarget;
  slugs: string[];
  connections: number;
  duration: number;
  warmup: number;
}

export interface LoadResult {
  /** Completed pages per second (a page is one request, or the three-request chain). */
  pagesPerSecond: number;
  /** HTTP requests per second (= pages/s except for the chain). */
  requestsPerSecond: number;
  pages: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  failedPages: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  loadGeneratorCpuMs?: number;
  /** Pages answered 200 during the warm-up (not part of any other figure). */
  warmupPages?: number;
  /** Filled by the parent: CPU spent by the server process (and database processes) during the measured seconds. */
  cpu?: { serverMsPerPage: number; databaseMsPerPage: number | null; serverCoreShare: number; machineBusyShare: number; otherBusyShare: number };
}

/** Readers sent by this generator process, across its warm-up and measured loads. */
let readerCount = 0;

const round = (n: number) => Math.round(n * 100) / 100;

type Context = autocannon.Context;

const run = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });

const measure = async (spec: LoadSpec, duration: number): Promise<LoadResult> => {
  const samples: number[] = [];
  let failed = 0;
  let next = 0;
  const nextSlug = () => spec.slugs[next++ % spec.slugs.length];
  const start = (context: Context) => {
    context.t0 = performance.now();
    context.ok = true;
  };
  const finish = (context: Context) => {
    if (context.ok) samples.push(performance.now() - (context.t0 as number));
    else failed += 1;
  };

  let requests: autocannon.Request[];
  if (spec.target.type === 'paths') {
    const { method, template, etags, bodies, readers, status: expected = 200 } = spec.target;
    requests = [
      {
        method,
        setupRequest: (request, context) => {
          start(context);
          const slug = nextSlug();
          const base = readers ? { ...request.headers, 'user-agent': `${BROWSER} reader-${process.pid}-${(readerCount += 1)}` } : request.headers;
          const headers = etags ? { ...base, 'if-none-match': etags[slug] } : bodies ? { ...base, 'content-type': 'application/json' } : base;
          return { ...request, method, headers, ...(bodies ? { body: bodies[slug] } : {}), path: template.replace(':slug', encodeURIComponent(slug)) };
        },
        onResponse: (status, _body, context) => {
          if (status !== expected) context.ok = false;
          finish(context);
        },
      },
    ];
  } else {
    const { maxRelated } = spec.target;
    requests = [
      {
        method: 'GET',
        setupRequest: (request, context) => {
          start(context);
          return { ...request, path: articlePath(nextSlug()) };
        },
        onResponse: (status, body, context) => {
          const article = status === 200 ? readArticle(body) : null;
          if (!article) context.ok = false;
          context.article = article;
        },
      },
      {
        method: 'GET',
        setupRequest: (request, context) => {
          const article = context.article as { documentId: string } | null;
          if (!article) {
            finish(context);
            return null; // back to the first request: this page failed
          }
          return { ...request, path: linksPath(article.documentId, maxRelated) };
        },
        onResponse: (status, body, context) => {
          if (status !== 200) context.ok = false;
          context.links = status === 200 ? readLinks(body) : [];
        },
      },
      {
        method: 'GET',
        setupRequest: (request, context) => {
          const links = context.links as Array<{ target: string | null }>;
          const targets = links.map((link) => link.target).filter((target): target is string => Boolean(target));
          // A story whose list has no story targets needs no third request; never the case in the seed.
          return { ...request, path: targetsPath(targets.length ? targets : ['-']) };
        },
        onResponse: (status, body, context) => {
          if (status !== 200) context.ok = false;
          else {
            const page = assemble(context.article as never, context.links as never, body);
            if (page.related.length === 0) context.ok = false;
          }
          finish(context);
        },
      },
    ];
  }

  const result = await run({ url: spec.url, connections: spec.connections, duration, pipelining: 1, timeout: 30, requests });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000 || duration;
  const sorted = samples.sort((a, b) => a - b);
  const totalRequests = result.requests.total;
  return {
    pagesPerSecond: round(samples.length / seconds),
    requestsPerSecond: round(totalRequests / seconds),
    pages: samples.length,
    requests: totalRequests,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      mean: round(sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1)),
      max: round(sorted[sorted.length - 1] ?? NaN),
    },
    failedPages: failed,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: round(seconds),
  };
};

/** Child side: warm up, tell the parent the measured part starts, measure, answer over IPC. */
const child = async (spec: LoadSpec) => {
  const warm = spec.warmup > 0 ? await measure(spec, spec.warmup) : null;
  await new Promise<void>((resolve) => process.send!({ measuring: true }, () => resolve()));
  const cpu = process.cpuUsage();
  const result = await measure(spec, spec.duration);
  const used = process.cpuUsage(cpu);
  return { ...result, warmupPages: warm?.pages ?? 0, loadGeneratorCpuMs: Math.round((used.user + used.system) / 1000) };
};

/** Parent side: runs one load in a forked generator; kills it if it overruns. */
export const runLoad = (spec: LoadSpec, database: string, around?: { start(): Promise<void>; stop(): Promise<void> }): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const meter = cpuMeter(database);
    const worker = fork(__filename, [], { execArgv: ['-r', require.resolve('esbuild-register')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const limit = (spec.duration + spec.warmup + 60) * 1000;
    const timer = setTimeout(() => {
      worker.kill('SIGKILL');
      reject(new Error(`load generator overran ${limit / 1000} s`));
    }, limit);
    worker.on('message', (message: { measuring?: boolean; result?: LoadResult; error?: string }) => {
      if (message.measuring) {
        meter.start();
        void around?.start();
        return;
      }
      clearTimeout(timer);
      if (message.error) return reject(new Error(message.error));
      const result = message.result as LoadResult;
      const used = meter.stop();
      if (around) {
        around.stop().then(() => finish(result, used), reject);
        return;
      }
      finish(result, used);
    });
    const finish = (result: LoadResult, used: ReturnType<CpuMeter['stop']>) => {
      const pages = Math.max(1, result.pages);
      const cores = os.cpus().length;
      const other = used.machineBusyMs - used.serverCpuMs - (used.databaseCpuMs ?? 0) - (result.loadGeneratorCpuMs ?? 0);
      result.cpu = {
        serverMsPerPage: round(used.serverCpuMs / pages),
        databaseMsPerPage: used.databaseCpuMs === null ? null : round(used.databaseCpuMs / pages),
        serverCoreShare: round(used.serverCpuMs / used.wallMs),
        machineBusyShare: round(used.machineBusyMs / (used.wallMs * cores)),
        otherBusyShare: round(Math.max(0, other) / (used.wallMs * cores)),
      };
      resolve(result);
    };
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited with ${code}`));
    });
    worker.send(spec);
  });

if (require.main === module && process.send) {
  // The parent (the server) is gone: nothing left to measure.
  process.once('disconnect', () => process.exit(1));
  process.once('message', (spec: LoadSpec) => {
    child(spec).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (error: unknown) => process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) }, () => process.exit(1))
    );
  });
}
