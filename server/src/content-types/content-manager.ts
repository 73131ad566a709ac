import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { getConfig } from '../config';

interface EditMetadata {
  label?: string;
  description?: string;
  editable?: boolean;
  [key: string]: unknown;
}
interface LayoutField {
  name: string;
  size: number;
}
interface Configuration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, { edit?: EditMetadata; list?: Record<string, unknown> }>;
  layouts?: { list?: string[]; edit?: LayoutField[][] };
}

const MAX_ROW_SIZE = 12;

/** The story form, top to bottom: what an editor writes first comes first; each group starts a row. */
const ARTICLE_GROUPS = [['title', 'slug'], ['lead'], ['body'], ['cover', 'source'], ['tags'], ['correspondents', 'bylineRoles'], ['publicationDate', 'views'], ['corrections'], ['excludeFromSuggestions']];

/** Human labels (the layout's labels are single strings, so English) and a one-line hint where a field has a rule. */
const articleFields = (timeZone: string): Record<string, { label: string; description?: string }> => ({
  title: { label: 'Title' },
  slug: { label: 'Slug', description: 'The story’s address on the site; follows the title until the story is published, then kept.' },
  lead: { label: 'Lead' },
  body: { label: 'Body' },
  cover: { label: 'Cover image' },
  source: { label: 'Source' },
  tags: { label: 'Tags' },
  correspondents: { label: 'Correspondents', description: 'In byline order: drag to reorder.' },
  bylineRoles: { label: 'Roles in this story', description: 'Printed under each name for this story only; empty: the correspondent’s own role.' },
  publicationDate: {
    label: 'Publication date',
    description: `The date readers see, in ${timeZone}: set on first publish when empty, kept on republish.`,
  },
  views: { label: 'Views', description: 'Counted by the newsroom plugin; not editable.' },
  corrections: { label: 'Corrections', description: 'Published with the story, in this order; a published correction updates the story’s modified date.' },
  excludeFromSuggestions: {
    label: 'Keep out of suggestions',
    description: 'Never suggested for other stories nor auto-filled into their related lists (e.g. weather, horoscopes). Takes effect when published.',
  },
});

const flatten = (rows: LayoutField[][]) => rows.flat().map((field) => field.name);

/** Fields packed into rows of at most 12 columns, each group starting a new row. */
const packRows = (groups: LayoutField[][]): LayoutField[][] =>
  groups.flatMap((group) => {
    const rows: LayoutField[][] = [];
    for (const field of group) {
      const row = rows[rows.length - 1];
      if (row && row.reduce((sum, f) => sum + f.size, 0) + field.size <= MAX_ROW_SIZE) row.push(field);
      else rows.push([field]);
    }
    return rows;
  });

/**
 * The article edit layout in the newsroom's order, each field keeping the size it has. Fields the
 * plugin does not know (added by the app) follow, in their current order.
 */
const orderedEditLayout = (current: LayoutField[][]): LayoutField[][] => {
  const byName = new Map(current.flat().map((field) => [field.name, field]));
  const known = new Set(ARTICLE_GROUPS.flat());
  const groups = ARTICLE_GROUPS.map((group) => group.flatMap((name) => byName.get(name) ?? []));
  const rest = current.flat().filter((field) => !known.has(field.name));
  return packRows([...groups, rest].filter((group) => group.length > 0));
};

/**
 * Whether the edit layout is one nobody arranged: Strapi's default (fields in schema order) or the
 * plugin's own. An order an editor chose in "Configure the view" is left as it is.
 */
const isUnarranged = (current: LayoutField[][], schemaOrder: string[]) => {
  const names = flatten(current);
  const inSchemaOrder = [...names].sort((a, b) => schemaOrder.indexOf(a) - schemaOrder.indexOf(b));
  return names.join() === inSchemaOrder.join() || names.join() === flatten(orderedEditLayout(current)).join();
};

/**
 * Makes the Content Manager show the plugin's types the way editors need them: labels and hints,
 * the story form's order, `views` read-only (the counter owns it), useful list columns. Only fields
 * the plugin owns are touched, and only while they still hold Strapi's defaults, so what an editor
 * changed through "Configure the view" survives restarts.
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

  const fields = articleFields(getConfig(strapi).timeZone);
  await update(UIDS.article, (config) => {
    for (const [name, { label, description }] of Object.entries(fields)) {
      const edit = config.metadatas?.[name]?.edit;
      if (!edit) continue;
      // Strapi's default label is the attribute name, its default description empty.
      if (edit.label === name || edit.label === undefined) edit.label = label;
      if (description && !edit.description) edit.description = description;
    }
    const views = config.metadatas?.views?.edit;
    if (views) views.editable = false;
    const edit = config.layouts?.edit;
    if (config.layouts && edit && isUnarranged(edit, Object.keys(strapi.contentType(UIDS.article).attributes))) {
      config.layouts.edit = orderedEditLayout(edit);
    }
    if (config.settings) config.settings.mainField = 'title';
    if (config.layouts?.list && config.layouts.list.length <= 4 && !config.layouts.list.includes('publicationDate')) {
      config.layouts.list = ['id', 'title', 'publicationDate', 'views'];
    }
  });
  await update(UIDS.correspondent, (config) => {
    if (config.settings) config.settings.mainField = 'name';
  });
};
