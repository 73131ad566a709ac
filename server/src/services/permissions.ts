import type { Core } from '@strapi/strapi';

import { manifest, PLUGIN_ID } from '../../../shared/manifest';
import { PUBLIC_ACTIONS } from '../routes/content-api';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';
/** Public routes this app was given once, so a permission an admin later takes away stays away. */
const GRANTED = { type: 'plugin', name: PLUGIN_ID, key: 'public-api-granted' } as const;

type BootstrapModule = { bootstrap: () => Promise<void> };

/** The plugin's admin actions (RBAC) and the Public role's access to its content API (`publicApi`). */
const permissionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const findPublicRole = async () => (await strapi.db.query(ROLE).findOne({ where: { type: 'public' }, select: ['id'] })) as { id: number } | null;

  /** Gives the role each public route it was never given before; returns the routes granted now. */
  const grant = async (role: { id: number }): Promise<string[]> => {
    const granted = new Set(((await strapi.store.get(GRANTED)) as string[] | null) ?? []);
    const added: string[] = [];
    for (const action of PUBLIC_ACTIONS.map((name) => `plugin::${PLUGIN_ID}.${name}`)) {
      if (granted.has(action)) continue;
      const existing = await strapi.db.query(PERMISSION).count({ where: { action, role: role.id } });
      if (existing === 0) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
      granted.add(action);
      added.push(action);
    }
    if (added.length > 0) await strapi.store.set({ ...GRANTED, value: [...granted] });
    return added;
  };

  return {
    async registerAdminActions() {
      await strapi.service('admin::permission').actionProvider.registerMany(
        Object.values(manifest.actions).map((action) => ({ section: 'plugins', displayName: action.displayName, uid: action.uid, pluginName: PLUGIN_ID }))
      );
    },

    /**
     * Gives the Users & Permissions Public role the plugin's public routes, on the first boot that
     * can. Users & Permissions creates that role in its own bootstrap, which runs after this
     * plugin's when the app's config names this plugin first: then the grant follows its bootstrap,
     * so a brand-new app answers on its first boot and Users & Permissions still writes its defaults.
     */
    async grantPublicRoutes() {
      if (!strapi.plugin('users-permissions')) return;
      const role = await findPublicRole();
      if (role) {
        await grant(role);
        return;
      }
      const usersPermissions = strapi.get('modules').get('plugin::users-permissions') as BootstrapModule | undefined;
      if (!usersPermissions || typeof usersPermissions.bootstrap !== 'function') {
        strapi.log.warn(`[${PLUGIN_ID}] no Public role yet: give it the newsroom routes in Settings → Users & Permissions → Roles`);
        return;
      }
      const bootstrapUsersPermissions = usersPermissions.bootstrap.bind(usersPermissions);
      usersPermissions.bootstrap = async () => {
        await bootstrapUsersPermissions();
        const created = await findPublicRole();
        if (created) await grant(created);
        else strapi.log.warn(`[${PLUGIN_ID}] Users & Permissions made no Public role: give it the newsroom routes by hand`);
      };
    },
  };
};

export type PermissionsService = ReturnType<typeof permissionsService>;
export default permissionsService;
