import request from 'supertest';
import type { Core } from '@strapi/strapi';

export const http = (strapi: Core.Strapi) => request(strapi.server.httpServer);

export { BROWSER, CRAWLER } from './user-agents';

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
