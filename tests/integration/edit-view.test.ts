import { UIDS } from '../../shared/manifest';
import { http } from '../helpers/http';
import { bootForFile, bootStrapi } from '../helpers/strapi';
import { createStory, databaseIdle, setRelated, snapshotLinks } from '../helpers/stories';
import { superAdmin } from '../helpers/http';

const booted = bootForFile();

interface EditField {
  name: string;
  size: number;
}
interface ArticleConfiguration {
  uid?: string;
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: { label: string; description: string; editable: boolean } }>;
  layouts: { list: string[]; edit: EditField[][] };
}

const configuration = async (): Promise<ArticleConfiguration> => {
  const res = await http(booted.strapi).get(`/content-manager/content-types/${UIDS.article}/configuration`).set(booted.admin.auth);
  expect(res.status).toBe(200);
  return res.body.data.contentType as ArticleConfiguration;
};

const FORM_ORDER = ['title', 'slug', 'lead', 'body', 'cover', 'source', 'tags', 'correspondents', 'bylineRoles', 'publicationDate', 'views', 'corrections', 'excludeFromSuggestions'];

describe('related links are the panel’s storage only', () => {
  it('are not in the Content Manager’s menu, and its routes refuse every change to them', async () => {
    const { strapi, admin } = booted;
    const listed = await http(strapi).get('/content-manager/content-types').set(admin.auth);
    expect(listed.status).toBe(200);
    const type = (listed.body.data as Array<{ uid: string; isDisplayed: boolean }>).find((ct) => ct.uid === UIDS.relatedLink);
    expect(type?.isDisplayed).toBe(false);

    const owner = await createStory(strapi, { title: 'Список только через панель' });
    const target = await createStory(strapi, { title: 'Цель из панели' });
    await setRelated(strapi, owner.documentId, [{ target: target.documentId }]);
    const before = await snapshotLinks(strapi);
    const [link] = await strapi.documents(UIDS.relatedLink).findMany({ filters: { article: owner.documentId } });
    const base = `/content-manager/collection-types/${UIDS.relatedLink}`;
    // Strapi registers its read permission for every type (relation pickers need it) and create, update, delete, publish only for displayed ones.
    expect((await http(strapi).get(`${base}/${link.documentId}`).set(admin.auth)).status).toBe(200);
    const changes = await Promise.all([
      http(strapi).post(base).set(admin.auth).send({ article: owner.documentId, url: 'https://example.kz/x', label: 'x', position: 0 }),
      http(strapi).put(`${base}/${link.documentId}`).set(admin.auth).send({ position: 5, label: 'Чужая подпись' }),
      http(strapi).delete(`${base}/${link.documentId}`).set(admin.auth),
      http(strapi).post(`${base}/actions/bulkDelete`).set(admin.auth).send({ documentIds: [link.documentId] }),
      http(strapi).post(`${base}/clone/${link.documentId}`).set(admin.auth).send({}),
    ]);
    expect(changes.map((res) => [res.status, res.body.error?.name])).toEqual(Array(5).fill([403, 'PolicyError']));
    expect(await snapshotLinks(strapi)).toEqual(before);
  });
});

describe('the story form', () => {
  it('has human labels, a hint on every field with a rule, and the newsroom’s order', async () => {
    const config = await configuration();
    const label = (name: string) => config.metadatas[name].edit.label;
    const hint = (name: string) => config.metadatas[name].edit.description;
    expect(FORM_ORDER.map(label)).toEqual(['Title', 'Slug', 'Lead', 'Body', 'Cover image', 'Source', 'Tags', 'Correspondents', 'Roles in this story', 'Publication date', 'Views', 'Corrections', 'Keep out of suggestions']);
    expect(hint('publicationDate')).toBe('The date readers see, in Asia/Almaty: set on first publish when empty, kept on republish.');
    expect(hint('views')).toBe('Counted by the newsroom plugin; not editable.');
    expect(hint('slug')).toContain('kept');
    expect(hint('bylineRoles')).toContain('correspondent’s own role');
    expect(config.metadatas.views.edit.editable).toBe(false);

    expect(config.layouts.edit.flat().map((field) => field.name)).toEqual(FORM_ORDER);
    const rows = config.layouts.edit.map((row) => row.map((field) => field.name));
    expect(rows[0]).toEqual(['title', 'slug']);
    expect(rows).toContainEqual(['publicationDate', 'views']);
    for (const row of config.layouts.edit) expect(row.reduce((sum, field) => sum + field.size, 0)).toBeLessThanOrEqual(12);

    // The roles are a custom field the admin draws beside the bylines, stored as JSON.
    const types = await http(booted.strapi).get('/content-manager/content-types').set(booted.admin.auth);
    const article = (types.body.data as Array<{ uid: string; attributes: Record<string, { type: string; customField?: string }> }>).find((ct) => ct.uid === UIDS.article);
    expect(article?.attributes.bylineRoles).toMatchObject({ type: 'json', customField: 'plugin::newsroom.byline-roles' });
  });

  it('keeps what an editor changed through "Configure the view" across restarts', async () => {
    const { uid: _uid, ...config } = await configuration();
    // As the admin's "Configure the view" page sends it: list settings of relations carry no mainField.
    for (const meta of Object.values(config.metadatas) as Array<{ list?: Record<string, unknown> }>) delete meta.list?.mainField;
    config.metadatas.title.edit.label = 'Заголовок';
    config.metadatas.lead.edit.description = 'Два предложения, не больше.';
    const [first, ...rest] = config.layouts.edit;
    config.layouts.edit = [...rest, first];
    const saved = await http(booted.strapi).put(`/content-manager/content-types/${UIDS.article}/configuration`).set(booted.admin.auth).send(config);
    expect(saved.status).toBe(200);

    await databaseIdle(booted.strapi);
    await booted.app.stop({ keepDatabase: true });
    booted.app = await bootStrapi({ database: booted.app.database });
    booted.strapi = booted.app.strapi;
    booted.admin = await superAdmin(booted.strapi);

    const after = await configuration();
    expect(after.metadatas.title.edit.label).toBe('Заголовок');
    expect(after.metadatas.lead.edit.description).toBe('Два предложения, не больше.');
    expect(after.metadatas.publicationDate.edit.label).toBe('Publication date');
    expect(after.layouts.edit.flat().map((field) => field.name)).toEqual([...FORM_ORDER.slice(2), 'title', 'slug']);
  });
});
