import request from 'supertest';
import type { Core } from '@strapi/strapi';

export const http = (strapi: Core.Strapi) => request(strapi.server.httpServer);

/** A reader's browser: views and clicks from it count (isbot treats `node`, `curl`, `jest` … as bots). */
export const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
/** A crawler the plugin must answer without counting. */
export const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

export interface AdminSession {
  token: string;
  auth: { Authorization: string };
}

/** Registers the first super admin (fresh databases have none) and logs in. */
export const superAdmin = async (strapi: Core.Strapi): Promise<AdminSession> => {
  const credentials = { email: 'editor@newsroom.test', password: 'Newsroom-Test-1', firstname: 'Test', lastname: 'Editor' };
  const registered = await http(strapi).post('/admin/register-admin').send(credentials);
  if (registered.status !== 200 && registered.status !== 201) {
    const login = await http(strapi).post('/admin/login').send({ email: credentials.email, password: credentials.password });
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return session(login.body.data.token);
  }
  return session(registered.body.data.token);
};

const session = (token: string): AdminSession => ({ token, auth: { Authorization: `Bearer ${token}` } });
