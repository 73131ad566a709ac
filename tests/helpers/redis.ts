import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A key prefix no other test run uses, so parallel runs on the one Redis never collide. */
export const uniquePrefix = () => `newsroom-test:${process.pid}-${randomBytes(4).toString('hex')}:`;

/** Deletes every key under the prefix. */
export const dropKeys = async (prefix: string) => {
  const redis = new Redis(REDIS_URL);
  try {
    const found = await redis.keys(`${prefix}*`);
    if (found.length) await redis.del(...found);
  } finally {
    redis.disconnect();
  }
};

export interface RedisProxy {
  url: string;
  /** Redis goes away: the port refuses connections and open ones are cut. */
  cut(): Promise<void>;
  /** Redis is reachable again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP relay to the real Redis whose cable the test can pull. */
export const redisProxy = async (): Promise<RedisProxy> => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(6379, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const cut = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { url: `redis://127.0.0.1:${port}`, cut, restore: () => listen(port), close: () => (server.listening ? cut() : Promise.resolve()) };
};
