import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';

import { COMPONENTS, UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import type { NewsArticleJsonLd, PublicCorrection } from '../../shared/contracts/public-api';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, LOCALE, publish } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;
let story: { documentId: string; slug: string };

const CM = `/content-manager/collection-types/${UIDS.article}`;
const FIRST = { date: '2025-09-12T05:00:00.000Z', text: 'Исправлено написание фамилии министра.' };
const SECOND = { date: '2025-09-13T07:30:00.000Z', text: 'Уточнена дата сессии СМИД ОИС & <её> место.' };

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
  story = (await createStory(strapi, { title: 'История с поправками', publicationDate: '2025-09-11T10:00:00.000Z' })) as { documentId: string; slug: string };
});
afterAll(() => app?.stop());

/** The editor's form: a save of the draft through the Content Manager, then optionally its publish. */
const save = (data: Record<string, unknown>) => http(strapi).put(`${CM}/${story.documentId}?locale=${LOCALE}`).set(admin.auth).send(data);
const publishInContentManager = () => http(strapi).post(`${CM}/${story.documentId}/actions/publish?locale=${LOCALE}`).set(admin.auth).send({});
const publicStory = async (): Promise<{ corrections: PublicCorrection[]; jsonLd: NewsArticleJsonLd }> => {
  const res = await http(strapi).get(`/api/newsroom/articles/${story.slug}?jsonLd=true`);
  expect(res.status).toBe(200);
  return { corrections: res.body.data.corrections, jsonLd: JSON.parse(res.body.meta.jsonLd.script) };
};

describe('corrections', () => {
  it('are a repeatable form component in the Content Manager, not a JSON field', async () => {
    const components = await http(strapi).get('/content-manager/components').set(admin.auth);
    expect(components.status).toBe(200);
    const correction = (components.body.data as Array<{ uid: string; attributes: Record<string, { type: string; required?: boolean }> }>).find((c) => c.uid === COMPONENTS.correction);
    expect(correction?.attributes).toMatchObject({ date: { type: 'datetime', required: true }, text: { type: 'text', required: true } });
    const configuration = await http(strapi).get(`/content-manager/content-types/${UIDS.article}/configuration`).set(admin.auth);
    expect(configuration.status).toBe(200);
    const fields = (configuration.body.data.contentType.layouts.edit as Array<Array<{ name: string }>>).flat().map((field) => field.name);
    expect(fields).toContain('corrections');
    expect(configuration.body.data.components[COMPONENTS.correction]).toBeDefined();
  });

  it('reach readers and JSON-LD only once published, in order, and a published correction moves dateModified', async () => {
    const before = await publicStory();
    expect(before.corrections).toEqual([]);
    expect(before.jsonLd.correction).toBeUndefined();

    expect((await save({ corrections: [FIRST, SECOND] })).status).toBe(200);
    const draftOnly = await publicStory();
    expect(draftOnly.corrections).toEqual([]);
    expect(draftOnly.jsonLd.dateModified).toBe(before.jsonLd.dateModified);

    const publishedAt = Date.now();
    expect((await publishInContentManager()).status).toBe(200);
    const after = await publicStory();
    expect(after.corrections).toEqual([FIRST, SECOND]);
    expect(after.jsonLd.correction).toEqual([
      { '@type': 'CorrectionComment', text: FIRST.text, datePublished: FIRST.date },
      { '@type': 'CorrectionComment', text: SECOND.text, datePublished: SECOND.date },
    ]);
    expect(Date.parse(after.jsonLd.dateModified as string)).toBeGreaterThanOrEqual(publishedAt - 1000);
    expect(Date.parse(after.jsonLd.dateModified as string)).toBeGreaterThan(Date.parse(before.jsonLd.dateModified as string));
  });

  it('keep the editors’ order when reordered, and a republish without changes leaves dateModified alone', async () => {
    const current = await http(strapi).get(`${CM}/${story.documentId}?locale=${LOCALE}`).set(admin.auth);
    const stored = current.body.data.corrections as Array<{ id: number; date: string; text: string }>;
    expect(stored.map((c) => c.text)).toEqual([FIRST.text, SECOND.text]);
    expect((await save({ corrections: [stored[1], stored[0]] })).status).toBe(200);
    expect((await publishInContentManager()).status).toBe(200);
    const reordered = await publicStory();
    expect(reordered.corrections).toEqual([SECOND, FIRST]);

    expect((await publishInContentManager()).status).toBe(200);
    expect((await publicStory()).jsonLd.dateModified).toBe(reordered.jsonLd.dateModified);
  });

  it('refuse a correction without its text at publish with a 400 naming the field, and publish nothing', async () => {
    const before = await publicStory();
    expect((await save({ corrections: [{ date: FIRST.date }] })).status).toBe(200);
    const refused = await publishInContentManager();
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details.errors[0].path)).toContain('text');
    expect(await publicStory()).toEqual(before);
  });
});

interface PublishedDocument {
  title: string | null;
  lead: string | null;
  body: unknown;
  source: string | null;
  tags: unknown;
  cover: { id: number } | null;
  correspondents: Array<{ documentId: string }>;
  corrections: Array<{ date: string; text: string }>;
}

/**
 * The fingerprint as stores of earlier versions hold it, restated here on purpose (not imported): a hash of the
 * published version as the Document Service returns it. Any change to how the plugin takes it would make every
 * existing story look modified after an upgrade.
 */
const storedFormat = (doc: PublishedDocument) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        doc.title ?? null,
        doc.lead ?? null,
        doc.body ?? null,
        doc.source ?? null,
        doc.tags ?? null,
        doc.cover?.id ?? null,
        doc.correspondents.map((person) => person.documentId),
        doc.corrections.map((correction) => [new Date(correction.date).toISOString(), correction.text]),
      ])
    )
    .digest('hex');

const publishedDocument = async (documentId: string) =>
  (await strapi.documents(UIDS.article).findOne({
    documentId,
    locale: LOCALE,
    status: 'published',
    populate: { cover: { fields: ['id'] }, correspondents: { fields: ['documentId'] }, corrections: true },
  })) as unknown as PublishedDocument;

const storedFingerprint = async (documentId: string) =>
  ((await strapi.db.connection(TABLES.modifications).where({ document_id: documentId, locale: LOCALE }).first('fingerprint')) as { fingerprint: string } | undefined)?.fingerprint;

describe('the stored fingerprint of a published story', () => {
  it('is the hash of its published content in the format earlier versions stored, with bylines, cover and corrections in order', async () => {
    const first = await createCorrespondent(strapi, { name: 'Отпечаток Первый' });
    const second = await createCorrespondent(strapi, { name: 'Отпечаток Второй' });
    const cover = await strapi.db.query('plugin::upload.file').create({
      data: { name: 'print.jpg', hash: 'print_hash', ext: '.jpg', mime: 'image/jpeg', size: 1.5, url: '/uploads/print_hash.jpg', provider: 'local', width: 10, height: 10 },
    });
    const printed = await createStory(strapi, { title: 'Отпечаток с поправками', lead: 'Вводка «в кавычках» & <теги>.', tags: ['ОИС', 'МИД РК'], correspondents: [second.documentId, first.documentId] }, { publish: false });
    await strapi.documents(UIDS.article).update({
      documentId: printed.documentId,
      locale: LOCALE,
      data: {
        source: 'Казинформ',
        cover: cover.id,
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Абзац — с тире и ё.' }] }],
        corrections: [
          { date: '2025-09-13T07:30:00.000Z', text: 'Вторая по дате, первая по порядку.' },
          { date: '2025-09-12T05:00:00.123Z', text: 'Первая по дате.' },
        ],
      } as never,
    });
    await publish(strapi, printed.documentId);

    const doc = await publishedDocument(printed.documentId);
    expect(doc.correspondents.map((person) => person.documentId)).toEqual([second.documentId, first.documentId]);
    expect(doc.corrections.map((correction) => correction.text)).toEqual(['Вторая по дате, первая по порядку.', 'Первая по дате.']);
    expect(doc.cover?.id).toBe(cover.id);
    expect(await storedFingerprint(printed.documentId)).toBe(storedFormat(doc));
  });

  it('is the same hash for a story without bylines, cover, body or corrections', async () => {
    const printed = await createStory(strapi, { title: 'Отпечаток без всего' });
    expect(await storedFingerprint(printed.documentId)).toBe(storedFormat(await publishedDocument(printed.documentId)));
  });
});
