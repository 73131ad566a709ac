import type { Core } from '@strapi/strapi';
import { isbot } from 'isbot';
import { createHmac, randomBytes } from 'node:crypto';

import { PLUGIN_ID } from '../../../shared/manifest';

/** Crawlers and bots, by user agent, from isbot's maintained list; an absent user agent is a reader. */
export const isCrawler = (userAgent: string | undefined) => isbot(userAgent ?? '');

const DAY_MS = 24 * 3600 * 1000;
let secret: { day: number; key: Buffer } | undefined;
let fallbackKey: Buffer | undefined;

/**
 * The day's secret: an HMAC of the app's keys (`server.app.keys`, shared by every instance) and the
 * UTC day, so reader ids agree across instances, change at midnight, and cannot be rebuilt without the keys.
 */
const secretOfDay = (strapi: Core.Strapi, day: number) => {
  if (secret?.day === day) return secret.key;
  const keys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
  if (keys.length === 0 && !fallbackKey) {
    fallbackKey = randomBytes(32);
    strapi.log.warn(`[${PLUGIN_ID}] server.app.keys is empty: reader ids use a per-process secret, so instances dedupe apart`);
  }
  const root = keys.length ? keys.join('\u0000') : (fallbackKey as Buffer);
  secret = { day, key: createHmac('sha256', root).update(`${PLUGIN_ID}:readers:${day}`).digest() };
  return secret.key;
};

/** A reader's id for dedupe: HMAC of address and user agent under the day's secret; no address is stored or recoverable. */
export const readerId = (strapi: Core.Strapi, ip: string, userAgent: string | undefined) =>
  createHmac('sha256', secretOfDay(strapi, Math.floor(Date.now() / DAY_MS)))
    .update(`${ip}\u0000${userAgent ?? ''}`)
    .digest('hex')
    .slice(0, 32);
