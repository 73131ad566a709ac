import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { ChartBubble, Feather, Magic, PriceTag } from '@strapi/icons';

import { ACTIONS, BYLINE_ROLES, CUSTOM_FIELDS, PLUGIN_ID, UIDS, manifest } from '../../shared/manifest';
import { warnWhenCited } from './actions/citedByWarning';
import { RelatedStoriesPanel } from './components/RelatedStoriesPanel';
import { loadTranslations, t } from './translations';

type ContentManagerApis = ContentManagerPlugin['config']['apis'];

/** The Content Manager's APIs when this Strapi has them (a plugin's `apis` are untyped at the app level). */
const contentManagerApis = (app: StrapiApp): Partial<ContentManagerApis> | undefined =>
  (app.getPlugin('content-manager') as { apis?: Partial<ContentManagerApis> } | undefined)?.apis;

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: manifest.displayName });

    // Byline roles beside each correspondent, in byline order: no JSON, no slugs (the server registers the same field).
    app.customFields.register({
      name: BYLINE_ROLES.name,
      pluginId: PLUGIN_ID,
      type: BYLINE_ROLES.type,
      intlLabel: { id: t('bylines.label'), defaultMessage: 'Roles in this story' },
      intlDescription: { id: t('bylines.fieldDescription'), defaultMessage: 'One role per correspondent of the story, beside their name.' },
      // The Content Manager hands a custom input its field props; the registry types inputs as prop-less.
      components: { Input: async () => ({ default: (await import('./components/BylineRolesInput')).default as unknown as ComponentType }) },
    });

    // The tags input of articles: a JSON list underneath, edited as chips over the tag catalogue (the server registers the same field).
    app.customFields.register({
      name: CUSTOM_FIELDS.tags.name,
      pluginId: PLUGIN_ID,
      type: 'json',
      icon: PriceTag,
      intlLabel: { id: t('tags.label'), defaultMessage: 'Tags' },
      intlDescription: { id: t('tags.description'), defaultMessage: "Tags from the newsroom's catalogue: pick one or create one." },
      components: { Input: async () => ({ default: (await import('./components/TagsInput')).default as unknown as ComponentType }) },
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
        // Readers' clicks on related stories: editor picks against suggestions, by place, over 7 and 30 days.
        {
          id: 'related-clicks',
          icon: ChartBubble,
          title: { id: t('ctrWidget.title'), defaultMessage: 'Related stories: picks vs suggestions' },
          component: async () => (await import('./widgets/RelatedClicksWidget')).default,
          permissions: [{ action: ACTIONS.readDashboard }],
        },
      ];
      // One call for all (5.13's `register` already takes a list), each registered as this plugin's.
      app.widgets.register(widgets.map((widget) => ({ ...widget, pluginId: PLUGIN_ID })));
    }
  },

  bootstrap(app: StrapiApp) {
    const apis = contentManagerApis(app);
    if (typeof apis?.addEditViewSidePanel === 'function') apis.addEditViewSidePanel([RelatedStoriesPanel]);
    // Unpublish and Delete name the published stories that cite the story. A Content Manager whose
    // addDocumentAction takes only arrays (no reducer) refuses the function: it keeps its own actions.
    if (typeof apis?.addDocumentAction === 'function') {
      try {
        apis.addDocumentAction(warnWhenCited);
      } catch {
        // The built-in actions stay as they are.
      }
    }
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return loadTranslations(locales);
  },
};
