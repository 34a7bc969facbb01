// Open311 GeoReport v2 through HTTP, in both formats: JSON responses validated against the Open311
// community's published JSON Schemas (copied in docs/standards/open311-georeport-v2/), XML read back with an
// XML parser; errors as the standard's error list; api keys; only public complaints listed to others;
// mySociety's servicerequestupdates; media_url for the photo of a public complaint, served stripped.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   parsed XML is untyped; the assertions themselves check its shape. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { sniffDocumentType } from '../../platform/storage/content-type.ts';
import { documentStoreFor } from '../../platform/storage/document-store.ts';
import { tinyPdf, tinyPng } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { citizen, form, grant, officer, photoWithMetadata } from './test-helpers.ts';

const SCHEMAS = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'standards', 'open311-georeport-v2');
const ajv = new Ajv({ allErrors: true, strict: false });
// The schemas use these two formats; ajv checks formats only when told how.
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri', (text: string) => URL.canParse(text));
for (const file of [
  'service.json',
  'services.json',
  'service-definition.json',
  'request.json',
  'requests.json',
]) {
  ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object, file);
}
const schema = (file: string): ValidateFunction => {
  const validate = ajv.getSchema(file);
  if (validate === undefined) throw new Error(`No schema ${file}`);
  return validate;
};
function assertValid(file: string, body: unknown) {
  const validate = schema(file);
  assert.ok(validate(body), `${file}: ${JSON.stringify(validate.errors)}`);
}

// Lists stay lists even with one item, so tests read XML the same way whatever the count.
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) =>
    ['service', 'request', 'error', 'attribute', 'value', 'request_update', 'endpoint', 'format'].includes(
      name,
    ),
});

let t: TestApp;
let apiKey = '';
before(async () => {
  t = await buildTestApp();
  const admin = await officer(t, [grant('platform_admin', null, null)], 'Admin');
  apiKey = (
    await t.services.complaints.open311.issueKey(admin, {
      appName: 'Civic app',
      contactEmail: 'dev@civic.example',
    })
  ).key;
});
after(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url: `/open311/v2/${url}` });
const post = (url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/open311/v2/${url}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
const report = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: 'road-damaged',
  lat: '30.1798',
  long: '66.975',
  'attribute[district]': 'QTA',
  description: 'A deep pothole in front of the civil hospital gate.',
  first_name: 'Zarina',
  last_name: 'Khan',
  ...extra,
});

describe('Open311 GeoReport v2', () => {
  it('serves discovery and the service list in JSON and XML', async () => {
    const discovery = await get('discovery.json');
    assert.equal(discovery.statusCode, 200);
    const endpoints = discovery.json<{ endpoints: { specification: string; formats: string[] }[] }>()
      .endpoints;
    assert.equal(endpoints[0]?.specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(
      xml.parse((await get('discovery.xml')).body).discovery.endpoints.endpoint[0].formats.format,
      ['application/json', 'text/xml'],
    );

    const services = await get('services.json');
    assert.equal(services.statusCode, 200);
    assertValid('services.json', services.json());
    const list = services.json<{ service_code: string; group: string }[]>();
    assert.ok(list.some((s) => s.service_code === 'road-damaged' && s.group === 'Roads and bridges'));
    const asXml = await get('services.xml');
    assert.match(String(asXml.headers['content-type']), /xml/);
    const parsed = xml.parse(asXml.body).services.service as { service_code: string; metadata: string }[];
    assert.deepEqual(
      parsed.map((s) => s.service_code),
      list.map((s) => s.service_code),
    );
    assert.equal(parsed[0]?.metadata, 'true');
    const urdu = (await t.app.inject({ method: 'GET', url: '/open311/v2/services.json?lang=ur' })).json<
      { group: string }[]
    >();
    assert.ok(
      urdu.some((s) => s.group === 'سڑکیں اور پل'),
      'names in the language asked for',
    );
  });

  it('defines each service with the district attribute, and answers 404 for an unknown one', async () => {
    const definition = await get('services/road-damaged.json');
    assertValid('service-definition.json', definition.json());
    const attributes = definition.json<{
      attributes: { code: string; required: boolean; values: { key: string }[] }[];
    }>().attributes;
    const district = attributes.find((attribute) => attribute.code === 'district');
    assert.equal(district?.required, true);
    assert.ok(district.values.some((value) => value.key === 'GWD'));
    const definitionXml = xml.parse((await get('services/road-damaged.xml')).body).service_definition;
    assert.equal(definitionXml.service_code, 'road-damaged');
    assert.equal(definitionXml.attributes.attribute[0].code, 'district');

    const missing = await get('services/no-such-thing.json');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ code: number }[]>()[0]?.code, 404);
    const missingXml = await get('services/no-such-thing.xml');
    assert.equal(missingXml.statusCode, 404);
    assert.equal(xml.parse(missingXml.body).errors.error[0].code, '404');
  });

  it('files a request with an api key and reads it back in both formats', async () => {
    const created = await post('requests.json', report());
    assert.equal(created.statusCode, 200, created.body);
    const [receipt] = created.json<{ service_request_id: string }[]>();
    assert.match(receipt?.service_request_id ?? '', /^CMP-\d{4}-\d{7}$/);
    const number = receipt?.service_request_id ?? '';

    const one = await get(`requests/${number}.json`);
    assert.equal(one.statusCode, 200);
    assertValid('requests.json', one.json());
    const [request] =
      one.json<{ status: string; lat: number; service_code: string; agency_responsible: string }[]>();
    assert.equal(request?.status, 'open');
    assert.equal(request.lat, 30.1798);
    assert.equal(request.agency_responsible, 'Communication & Works Department');
    const oneXml = xml.parse((await get(`requests/${number}.xml`)).body).service_requests.request[0];
    assert.equal(oneXml.service_request_id, number);
    assert.equal(oneXml.service_code, 'road-damaged');

    const filedXml = await post(
      'requests.xml',
      report({ description: 'Second pothole, near the railway crossing.' }),
    );
    assert.equal(filedXml.statusCode, 200);
    assert.match(xml.parse(filedXml.body).service_requests.request[0].service_request_id, /^CMP-/);

    const listed = await get('requests.json?service_code=road-damaged&status=open');
    assertValid('requests.json', listed.json());
    assert.ok(listed.json<{ service_request_id: string }[]>().some((r) => r.service_request_id === number));
  });

  it('refuses requests without a valid key (403), without a place or with an unknown service (400)', async () => {
    const noKey = await post('requests.json', report({ api_key: '' }));
    assert.equal(noKey.statusCode, 403);
    assert.equal(noKey.json<{ code: number }[]>()[0]?.code, 403);
    const wrongKey = await post('requests.xml', report({ api_key: 'o311_not-a-key' }));
    assert.equal(wrongKey.statusCode, 403);
    assert.equal(xml.parse(wrongKey.body).errors.error[0].code, '403');
    const nowhere = await post('requests.json', report({ lat: '', long: '' }));
    assert.equal(nowhere.statusCode, 400);
    const unknown = await post('requests.json', report({ service_code: 'space-debris' }));
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json<{ description: string }[]>()[0]?.description ?? '', /service_code/);
    const noDistrict = await post('requests.json', report({ 'attribute[district]': '' }));
    assert.equal(noDistrict.statusCode, 400);
    assert.match(noDistrict.json<{ description: string }[]>()[0]?.description ?? '', /attribute\[district\]/);
    const badDate = await get('requests.json?start_date=yesterday');
    assert.equal(badDate.statusCode, 400);
  });

  it('lists to others only public complaints; an app also sees its own private ones', async () => {
    const person = await citizen(t);
    const privately = await t.services.complaints.file(person, 'citizen', form({ isPublic: false }));
    if (privately.kind !== 'filed') throw new Error('not filed');
    assert.equal((await get(`requests/${privately.number}.json`)).statusCode, 404);
    const listed = (await get('requests.json')).json<{ service_request_id: string }[]>();
    assert.ok(!listed.some((r) => r.service_request_id === privately.number));

    const appPrivate = (await post('requests.json', report({ 'attribute[public]': 'no' }))).json<
      { service_request_id: string }[]
    >()[0];
    const number = appPrivate?.service_request_id ?? '';
    assert.equal((await get(`requests/${number}.json`)).statusCode, 404, 'not to others');
    assert.equal(
      (await get(`requests/${number}.json?api_key=${apiKey}`)).statusCode,
      200,
      'to the app that filed it',
    );
  });

  it('publishes status changes through servicerequestupdates', async () => {
    const number =
      (await post('requests.json', report())).json<{ service_request_id: string }[]>()[0]
        ?.service_request_id ?? '';
    const grievance = await officer(t, [grant('grievance_officer', 'cw', 'QTA')]);
    const field = await officer(t, [grant('field_officer', 'cw', 'QTA')]);
    const { complaints } = t.services;
    await complaints.act(grievance, number, {
      action: 'assign',
      remarks: 'Inspect',
      version: 1,
      fieldOfficerId: field.userId,
    });
    await complaints.act(field, number, {
      action: 'resolve',
      remarks: 'Pothole filled with asphalt',
      version: 2,
    });

    const updates = await get('servicerequestupdates.json');
    assert.equal(updates.statusCode, 200);
    const mine = updates
      .json<{
        service_request_updates: { service_request_id: string; status: string; description: string }[];
      }>()
      .service_request_updates.filter((u) => u.service_request_id === number);
    assert.deepEqual(
      mine.map((u) => u.status),
      ['in_progress', 'fixed'],
    );
    assert.equal(mine[1]?.description, 'Pothole filled with asphalt');
    assert.equal(mine[0]?.description, '', 'instructions to staff are not published');
    const asXml = xml.parse((await get('servicerequestupdates.xml')).body).service_request_updates
      .request_update as {
      service_request_id: string;
      status: string;
    }[];
    assert.deepEqual(
      asXml.filter((u) => u.service_request_id === number).map((u) => u.status),
      ['in_progress', 'fixed'],
    );

    const closed = (await get(`requests/${number}.json`)).json<
      { status: string; status_notes: string }[]
    >()[0];
    assert.equal(closed?.status, 'closed');
    assert.equal(closed.status_notes, 'Pothole filled with asphalt');
  });

  it('stops working with a revoked key', async () => {
    const admin = await officer(t, [grant('platform_admin', null, null)]);
    const issued = await t.services.complaints.open311.issueKey(admin, {
      appName: 'Short-lived',
      contactEmail: 'x@y.example',
    });
    assert.equal((await post('requests.json', report({ api_key: issued.key }))).statusCode, 200);
    await t.services.complaints.open311.revokeKey(admin, issued.id);
    assert.equal((await post('requests.json', report({ api_key: issued.key }))).statusCode, 403);
  });

  it('gives a public complaint’s photo as media_url, served without its metadata', async () => {
    const store = documentStoreFor(t.config.dataDir);
    const { complaints } = t.services;
    const person = await citizen(t);
    const fileWith = async (isPublic: boolean, documents: Parameters<typeof store.put>[]) => {
      const stored = [];
      for (const [bytes, type] of documents) stored.push(await store.put(bytes, type));
      const filed = await complaints.file(person, 'citizen', form({ isPublic }), { documents: stored });
      if (filed.kind !== 'filed') throw new Error('not filed');
      return filed.number;
    };
    const withPhoto = await fileWith(true, [
      [tinyPdf(), 'pdf'],
      [photoWithMetadata(), 'jpeg'],
      [tinyPng(), 'png'],
    ]);
    const pdfOnly = await fileWith(true, [[tinyPdf(), 'pdf']]);
    const privatePhoto = await fileWith(false, [[photoWithMetadata(), 'jpeg']]);

    const one = await get(`requests/${withPhoto}.json`);
    assertValid('requests.json', one.json());
    const mediaUrl = one.json<{ media_url: string | null }[]>()[0]?.media_url ?? '';
    const [pdf, jpeg, png] = (await complaints.get(person, withPhoto)).attachments;
    assert.equal(
      mediaUrl,
      `${t.config.publicUrl}/complaints/public/${withPhoto}/photos/${jpeg?.id}.jpg`,
      'the first photo, never the PDF',
    );
    assert.equal(
      xml.parse((await get(`requests/${withPhoto}.xml`)).body).service_requests.request[0].media_url,
      mediaUrl,
    );
    const listed = (await get('requests.json')).json<{ service_request_id: string; media_url: unknown }[]>();
    assertValid('requests.json', listed);
    assert.equal(listed.find((r) => r.service_request_id === pdfOnly)?.media_url, null, 'no photo, no URL');

    const photo = await t.app.inject({ method: 'GET', url: new URL(mediaUrl).pathname });
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    assert.equal(photo.headers['cross-origin-resource-policy'], 'cross-origin', 'other sites may show it');
    assert.equal(photo.headers['access-control-allow-origin'], '*');
    assert.equal(sniffDocumentType(photo.rawPayload), 'jpeg');
    assert.ok(!photo.rawPayload.toString('latin1').includes('Zarina'), 'no EXIF, no comment');
    assert.ok(!photo.rawPayload.toString('latin1').includes('GPS'));
    const asPng = await t.app.inject({
      method: 'GET',
      url: `/complaints/public/${withPhoto}/photos/${png?.id}.png`,
    });
    assert.equal(asPng.headers['content-type'], 'image/png');

    const refused = [
      `/complaints/public/${withPhoto}/photos/${pdf?.id}.jpg`,
      `/complaints/public/${withPhoto}/photos/${png?.id}.jpg`,
      `/complaints/public/${pdfOnly}/photos/${pdf?.id}.jpg`,
      `/complaints/public/${privatePhoto}/photos/${(await complaints.get(person, privatePhoto)).attachments[0]?.id}.jpg`,
      `/complaints/public/${withPhoto}/photos/${jpeg?.id}`,
    ];
    for (const url of refused)
      assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 404, url);

    // Evidence an officer adds later is never published, and a complaint marked frivolous loses its photo.
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    const field = await officer(t, [grant('field_officer', 'local-government', 'QTA')]);
    await complaints.act(grievance, withPhoto, {
      action: 'assign',
      remarks: '',
      version: 1,
      fieldOfficerId: field.userId,
    });
    await complaints.act(field, withPhoto, {
      action: 'resolve',
      remarks: 'Repaired',
      version: 2,
      documents: [await store.put(photoWithMetadata(), 'jpeg')],
    });
    const evidence = (await complaints.get(person, withPhoto)).attachments.at(-1);
    assert.notEqual(evidence?.event_id, null);
    const evidenceUrl = `/complaints/public/${withPhoto}/photos/${evidence?.id}.jpg`;
    assert.equal((await t.app.inject({ method: 'GET', url: evidenceUrl })).statusCode, 404);
    assert.equal(
      (await get(`requests/${withPhoto}.json`)).json<{ media_url: string }[]>()[0]?.media_url,
      mediaUrl,
    );

    const other = await fileWith(true, [[photoWithMetadata(), 'jpeg']]);
    const otherUrl =
      (await get(`requests/${other}.json`)).json<{ media_url: string }[]>()[0]?.media_url ?? '';
    await complaints.act(grievance, other, { action: 'markFrivolous', remarks: 'A test', version: 1 });
    assert.equal((await t.app.inject({ method: 'GET', url: new URL(otherUrl).pathname })).statusCode, 404);
  });
});
