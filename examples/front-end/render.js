'use strict';
// HTML of the story page and the home page, from the plugin's public answers (dates come printed by the plugin).

const escape = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);

const LABELS = {
  ru: { views: 'просмотров', source: 'Источник', related: 'Читайте также', latest: 'Последние новости', notFound: 'Материал не найден' },
  kk: { views: 'қаралым', source: 'Дереккөз', related: 'Тақырыпқа қатысты', latest: 'Соңғы жаңалықтар', notFound: 'Материал табылмады' },
  en: { views: 'views', source: 'Source', related: 'Related', latest: 'Latest news', notFound: 'Story not found' },
};
const labelsOf = (locale) => LABELS[locale] ?? LABELS.ru;

/** Strapi blocks (rich text) → HTML: the block types the editor offers. */
const inline = (nodes = []) =>
  nodes
    .map((node) => {
      if (node.type === 'link') return `<a href="${escape(node.url)}">${inline(node.children)}</a>`;
      let html = escape(node.text);
      if (node.code) html = `<code>${html}</code>`;
      if (node.bold) html = `<strong>${html}</strong>`;
      if (node.italic) html = `<em>${html}</em>`;
      if (node.underline) html = `<u>${html}</u>`;
      if (node.strikethrough) html = `<s>${html}</s>`;
      return html;
    })
    .join('');

const blocks = (list = []) =>
  list
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return `<h${block.level}>${inline(block.children)}</h${block.level}>`;
        case 'list': {
          const tag = block.format === 'ordered' ? 'ol' : 'ul';
          return `<${tag}>${block.children.map((item) => `<li>${inline(item.children)}</li>`).join('')}</${tag}>`;
        }
        case 'quote':
          return `<blockquote>${inline(block.children)}</blockquote>`;
        case 'code':
          return `<pre><code>${inline(block.children)}</code></pre>`;
        case 'image':
          return `<img src="${escape(block.image?.url)}" alt="${escape(block.image?.alternativeText)}">`;
        default:
          return `<p>${inline(block.children)}</p>`;
      }
    })
    .join('\n');

const layout = (title, content, locale = 'ru') => `<!doctype html>
<html lang="${escape(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font:17px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
.meta,.related time{color:#666;font-size:.9em}.meta span+span::before{content:" · "}.lead{font-weight:600}
.related ol{list-style:none;padding:0}.related li{margin:.6rem 0}.related time{display:block}</style>
</head><body>${content}</body></html>`;

/**
 * The reader's events go from the browser straight to Strapi, so the view counter sees the reader's own
 * address and user agent (bot filter, dedupe); the view's answer replaces the cached page's count.
 */
const readerScript = `<script>
(() => {
  const page = document.querySelector('[data-newsroom-api]');
  const api = page.dataset.newsroomApi;
  // The Content Manager's preview frames the page: an editor looking is not a reader's view.
  if (window.top === window) {
    fetch(api + '/view', { method: 'POST' })
      .then((response) => response.json())
      .then(({ data }) => { if (data) document.querySelector('[data-views]').textContent = data.views; })
      .catch(() => {});
  }
  const clicked = (event) => {
    const link = event.target.closest('[data-position]');
    if (!link) return;
    const entry = link.dataset.target ? { target: link.dataset.target } : { url: link.href };
    // keepalive: the request outlives the page the reader is leaving.
    fetch(api + '/related-click', {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...entry, position: Number(link.dataset.position), origin: link.dataset.origin }),
    }).catch(() => {});
  };
  document.querySelector('.related')?.addEventListener('click', clicked);
  document.querySelector('.related')?.addEventListener('auxclick', clicked);
})();
</script>`;

const relatedEntry = (entry, index) => {
  const attributes = [
    `href="${escape(entry.url)}"`,
    `data-position="${index + 1}"`,
    `data-origin="${entry.suggested ? 'suggested' : 'editor'}"`,
    entry.external ? 'rel="noopener" target="_blank"' : `data-target="${escape(entry.slug)}"`,
  ];
  const date = entry.displayDate ? `<time datetime="${escape(entry.publicationDate)}">${escape(entry.displayDate)}</time>` : '';
  return `<li>${date}<a ${attributes.join(' ')}>${escape(entry.title)}</a></li>`;
};

/** The story page as the sample reads: title, date, views, byline and role, lead, body, source, related list. */
const storyPage = (story, { browserApi }) => {
  const labels = labelsOf(story.locale);
  const byline = story.correspondents.map((person) => `<span class="byline">${escape(person.name)}${person.role ? ` <small>${escape(person.role)}</small>` : ''}</span>`);
  const related = story.related.length
    ? `<section class="related"><h2>${labels.related}</h2><ol>${story.related.map(relatedEntry).join('')}</ol></section>`
    : '';
  const content = `<main data-newsroom-api="${escape(`${browserApi}/api/newsroom/articles/${encodeURIComponent(story.slug)}`)}">
<article><h1>${escape(story.title)}</h1>
<p class="meta"><span><time datetime="${escape(story.publicationDate)}">${escape(story.displayDate)}</time></span><span data-views title="${labels.views}">${story.views}</span>${byline.map((html) => `<span>${html}</span>`).join('')}</p>
${story.lead ? `<p class="lead">${escape(story.lead)}</p>` : ''}
${blocks(story.body ?? [])}
${story.source ? `<p class="source">${labels.source}: ${escape(story.source)}</p>` : ''}
</article>
${related}
</main>${readerScript}`;
  return layout(story.title, content, story.locale);
};

const homePage = (cards, locale) => {
  const labels = labelsOf(locale);
  const items = cards.map((card) => `<li><time datetime="${escape(card.publicationDate)}">${escape(card.displayDate)}</time> <a href="/news/${escape(encodeURIComponent(card.slug))}">${escape(card.title)}</a></li>`);
  return layout(labels.latest, `<main><h1>${labels.latest}</h1><ol class="related">${items.join('')}</ol></main>`, locale);
};

const notFoundPage = (locale) => layout(labelsOf(locale).notFound, `<main><h1>${labelsOf(locale).notFound}</h1></main>`, locale);

module.exports = { storyPage, homePage, notFoundPage };
