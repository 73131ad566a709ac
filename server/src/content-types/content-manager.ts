import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';

interface Configuration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts?: { list?: string[]; edit?: unknown };
}

/**
 * Makes the Content Manager show the plugin's types the way editors need them: `views` read-only
 * (the counter owns it), a human label for `excludeFromSuggestions`, useful list columns. Only fields the plugin owns are touched, so layout
 * changes an editor made through "Configure the view" survive restarts.
 */
export const configureContentManager = async (strapi: Core.Strapi) => {
  const contentTypes = strapi.plugin('content-manager')?.service('content-types');
  if (!contentTypes) return;
  const update = async (uid: string, change: (config: Configuration) => void) => {
    const current = (await contentTypes.findConfiguration({ uid })) as Configuration & { uid?: string };
    const { uid: _uid, ...config } = current;
    change(config);
    await contentTypes.updateConfiguration({ uid }, config);
  };

  await update(UIDS.article, (config) => {
    const views = config.metadatas?.views;
    if (views?.edit) {
      views.edit.editable = false;
      views.edit.description = 'Counted by the newsroom plugin; not editable.';
    }
    const excluded = config.metadatas?.excludeFromSuggestions?.edit;
    // The default label is the attribute name: replaced until an editor writes their own.
    if (excluded && (!excluded.label || excluded.label === 'excludeFromSuggestions')) {
      excluded.label = 'Keep out of suggestions';
      excluded.description = 'Never suggested for other stories nor auto-filled into their related lists (e.g. weather, horoscopes). Takes effect when published.';
    }
    if (config.settings) config.settings.mainField = 'title';
    if (config.layouts?.list && config.layouts.list.length <= 4 && !config.layouts.list.includes('publicationDate')) {
      config.layouts.list = ['id', 'title', 'publicationDate', 'views'];
    }
  });
  await update(UIDS.correspondent, (config) => {
    if (config.settings) config.settings.mainField = 'name';
  });
  await update(UIDS.relatedLink, (config) => {
    if (config.layouts?.list && !config.layouts.list.includes('article')) {
      config.layouts.list = ['id', 'article', 'version', 'position', 'target', 'url'];
    }
  });
};
