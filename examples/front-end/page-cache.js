'use strict';
// Rendered pages by address, each with the cache keys Strapi sent for it (Cache-Tag): no TTL, only purges.

/** A bounded map of address → { html, keys } with an index key → addresses, so a purge by key is one lookup. */
const createPageCache = ({ maxPages = 1000 } = {}) => {
  const pages = new Map();
  const byKey = new Map();

  const forget = (address) => {
    const page = pages.get(address);
    if (!page) return false;
    pages.delete(address);
    for (const key of page.keys) {
      const addresses = byKey.get(key);
      addresses?.delete(address);
      if (addresses?.size === 0) byKey.delete(key);
    }
    return true;
  };

  return {
    get: (address) => pages.get(address),
    set(address, page) {
      forget(address);
      // The oldest page goes first when full (a Map iterates in insertion order).
      if (pages.size >= maxPages) forget(pages.keys().next().value);
      pages.set(address, page);
      for (const key of page.keys) {
        if (!byKey.has(key)) byKey.set(key, new Set());
        byKey.get(key).add(address);
      }
    },
    /** Drops every page holding one of `keys` and every page at one of `paths`; answers the addresses dropped. */
    purge({ keys = [], paths = [] }) {
      const dropped = new Set();
      for (const key of keys) for (const address of [...(byKey.get(key) ?? [])]) if (forget(address)) dropped.add(address);
      for (const address of paths) if (forget(address)) dropped.add(address);
      return [...dropped];
    },
    addresses: () => [...pages.keys()],
  };
};

module.exports = { createPageCache };
