import type { Core } from '@strapi/strapi';

import { http, type AdminSession } from './http';

/**
 * An admin who can log in but holds none of the plugin's permissions: a role made through the
 * admin API with no permissions, a user invited into it, registered with the invitation token.
 */
export const restrictedAdmin = async (strapi: Core.Strapi, superAdmin: AdminSession, name = 'No newsroom'): Promise<AdminSession> => {
  const role = await http(strapi).post('/admin/roles').set(superAdmin.auth).send({ name, description: 'Logs in, cannot read or manage related stories' });
  if (role.status !== 201 && role.status !== 200) throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@newsroom.test`;
  const user = await http(strapi).post('/admin/users').set(superAdmin.auth).send({ firstname: 'Restricted', lastname: 'Editor', email, roles: [role.body.data.id] });
  if (user.status !== 201 && user.status !== 200) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const registered = await http(strapi)
    .post('/admin/register')
    .send({ registrationToken: user.body.data.registrationToken, userInfo: { firstname: 'Restricted', lastname: 'Editor', password: 'Restricted-Test-1' } });
  if (registered.status !== 200 && registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  const token = registered.body.data.token as string;
  return { token, auth: { Authorization: `Bearer ${token}` } };
};
