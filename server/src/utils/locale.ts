import type { Core } from '@strapi/strapi';

/**
 * The i18n default locale, kept in process: every public read without `?locale=` needs it, and
 * Strapi reads it from the core store (one SQL statement) on each call. This instance drops its copy
 * when the core store row is written here (a database lifecycle, `watchDefaultLocale`); a change
 * made on another instance (no event reaches this one) is seen at the next read after TRUST_MS.
 */
const TRUST_MS = 5_000;
/** i18n's core store key (`plugin` type, `i18n` name, `default_locale` key). */
const STORE_KEY = 'plugin_i18n_default_locale';

interface Held {
  value?: string | null;
  readAt: number;
  /** Bumped by each write seen here: a read that started before it must not keep its value. */
  generation: number;
  reading?: Promise<string | null>;
  /** Called when a re-read finds another value than the one held (another instance changed it). */
  onChange?: () => void;
}

const held = new WeakMap<Core.Strapi, Held>();
const stateOf = (strapi: Core.Strapi): Held => {
  let state = held.get(strapi);
  if (!state) held.set(strapi, (state = { readAt: 0, generation: 0 }));
  return state;
};

const readStore = async (strapi: Core.Strapi, state: Held): Promise<string | null> => {
  const generation = state.generation;
  const value = ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string | null) ?? null;
  if (generation === state.generation) {
    const changed = state.value !== undefined && state.value !== value;
    Object.assign(state, { value, readAt: Date.now() });
    if (changed) state.onChange?.();
  }
  return value;
};

/** The i18n default locale (null without i18n), from this instance's copy when it is recent. */
export const defaultLocale = async (strapi: Core.Strapi): Promise<string | null> => {
  if (!strapi.plugin('i18n')) return null;
  const state = stateOf(strapi);
  if (state.value !== undefined && Date.now() - state.readAt < TRUST_MS) return state.value;
  // One read at a time: requests arriving meanwhile share it.
  if (!state.reading) {
    const reading: Promise<string | null> = readStore(strapi, state).finally(() => {
      if (state.reading === reading) state.reading = undefined;
    });
    state.reading = reading;
  }
  return state.reading;
};

/** The content locale a request reads: its `locale`, else the default locale of the i18n plugin. */
export const resolveLocale = async (strapi: Core.Strapi, locale: string | undefined): Promise<string | null> => (locale ? locale : defaultLocale(strapi));

/**
 * Drops this instance's copy whenever the core store's default-locale row is written (through any
 * path: the admin's Settings → Internationalization, `setDefaultLocale`, `strapi.store.set`), and
 * calls `onChange` then and when a re-read finds another instance's change.
 */
export const watchDefaultLocale = (strapi: Core.Strapi, onChange: () => void) => {
  const state = stateOf(strapi);
  state.onChange = onChange;
  const written = (event: { result?: unknown }) => {
    const key = (event.result as { key?: unknown } | null | undefined)?.key;
    if (key !== undefined && key !== STORE_KEY) return;
    Object.assign(state, { generation: state.generation + 1, value: undefined, reading: undefined });
    onChange();
  };
  strapi.db.lifecycles.subscribe({ models: ['strapi::core-store'], afterCreate: written, afterUpdate: written, afterDelete: written });
};
