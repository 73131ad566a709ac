import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';

import { http, type AdminSession } from './http';

export interface PagesChangedPayload {
  event: string;
  createdAt: string;
  keys: string[];
  paths: string[];
  moved: Array<{ documentId: string; locale: string | null; from: string; to: string }>;
}

/** Resolves once `check` returns a value other than undefined/false; fails after `timeoutMs`. */
export const pollUntil = async <T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10000): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A real HTTP receiver registered as a Strapi webhook (POST /admin/webhooks) for the given events. */
export const webhookReceiver = async (strapi: Core.Strapi, admin: AdminSession, events: string[]) => {
  const received: PagesChangedPayload[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(raw) as PagesChangedPayload);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/revalidate`;
  const res = await http(strapi).post('/admin/webhooks').set(admin.auth).send({ name: 'front end', url, headers: {}, events });
  if (res.status !== 201 && res.status !== 200) throw new Error(`webhook registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    received,
    /** Forgets what arrived so far. */
    reset: () => received.splice(0, received.length),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
