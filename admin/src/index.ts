import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { Feather, Magic, PriceTag } from '@strapi/icons';

import { ACTIONS, CUSTOM_FIELDS, PLUGIN_ID, UIDS, manifest } from '../../shared/manifest';
import { RelatedStoriesPanel } from './components/RelatedStoriesPanel';
import { loadTranslations, t } from './translations';

type ContentManagerApis = ContentManagerPlugin['config']['apis'];

/** The Content Manager's APIs when this Strapi has them (a plugin's `apis` are untyped at the app level). */
const contentManagerApis = (app: StrapiApp): Partial<ContentManagerApis> | undefined =>
  (app.getPlugin('content-manager') as { apis?: Partial<ContentManagerApis> } | undefined)?.apis;

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: manifest.displayName });

    // The tags input of articles: a JSON list underneath, edited as chips over the tag catalogue (the server registers the same field).
    app.customFields.register({
      name: CUSTOM_FIELDS.tags.name,
      pluginId: PLUGIN_ID,
      type: 'json',
      icon: PriceTag,
      intlLabel: { id: t('tags.label'), defaultMessage: 'Tags' },
      intlDescription: { id: t('tags.description'), defaultMessage: "Tags from the newsroom's catalogue: pick one or create one." },
      components: { Input: async () => import('./components/TagsInput') as Promise<{ default: React.ComponentType }> },
    });

    // Homepage widgets exist from Strapi 5.13; older admins simply go without.
    if ('widgets' in app && app.widgets) {
      const widgets = [
        {
          id: 'overview',
          icon: Feather,
          title: { id: t('widget.title'), defaultMessage: 'Newsroom' },
          component: async () => (await import('./widgets/NewsroomWidget')).default,
          link: { label: { id: t('widget.link'), defaultMessage: 'All stories' }, href: `/content-manager/collection-types/${UIDS.article}` },
          permissions: [{ action: ACTIONS.readDashboard }],
        },
        // Archive stories without related stories and the list the suggestions propose, accepted in one click.
        // Its own widget (not a section of the overview): it needs the manage permission, and its own scroll area.
        {
          id: 'backfill',
          icon: Magic,
          title: { id: t('backfill.title'), defaultMessage: 'Related stories to fill in' },
          component: async () => (await import('./widgets/BackfillWidget')).default,
          permissions: [{ action: ACTIONS.manageRelated }],
        },
      ];
      // One call for both (5.13's `register` already takes a list), each registered as this plugin's.
      app.widgets.register(widgets.map((widget) => ({ ...widget, pluginId: PLUGIN_ID })));
    }
  },

  bootstrap(app: StrapiApp) {
    const apis = contentManagerApis(app);
    if (typeof apis?.addEditViewSidePanel === 'function') apis.addEditViewSidePanel([RelatedStoriesPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return loadTranslations(locales);
  },
};
