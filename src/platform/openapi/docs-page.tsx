// /api/docs: the OpenAPI document as a page that needs no script (the CSP allows none inline, and a
// reader on a slow link should not download a client-side viewer). Every operation with its parameters,
// request body and responses, then the webhooks sent to subscribers; schemas as nested lists of fields. The
// chrome is in the reader's language; the summaries and field descriptions come from the schemas, in English.
import { Fragment } from 'preact';
import type { Translator } from '../i18n/i18n.ts';
import { Bdi } from '../views/components.tsx';
import { Layout } from '../views/layout.tsx';

type Json = Record<string, unknown>;
export interface DocsOperation {
  readonly method: string;
  readonly path: string;
  readonly operation: Json;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The operations of the document in its path order, grouped by their first tag. */
export function operationsByTag(document: Json): Map<string, DocsOperation[]> {
  const groups = new Map<string, DocsOperation[]>();
  for (const [path, item] of Object.entries((document['paths'] ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (operation === undefined) continue;
      const tag = ((operation['tags'] as string[] | undefined) ?? ['other'])[0] ?? 'other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method: method.toUpperCase(), path, operation }]);
    }
  }
  return groups;
}

/** The document's `webhooks` (messages sent to subscribers), as operations named by event type. */
export function webhookOperations(document: Json): DocsOperation[] {
  return Object.entries((document['webhooks'] ?? {}) as Record<string, Json>).flatMap(([name, item]) => {
    const operation = item['post'] as Json | undefined;
    return operation === undefined ? [] : [{ method: 'POST', path: name, operation }];
  });
}

export const anchorOf = (method: string, path: string) =>
  `${method}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '');

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** "string", "integer | null", "array of object", or the name of a shared schema. */
function typeName(schema: Json): string {
  const ref = text(schema['$ref']);
  if (ref !== undefined) return ref.split('/').pop() ?? ref;
  const variants = (schema['anyOf'] ?? schema['oneOf']) as Json[] | undefined;
  if (variants !== undefined) return variants.map(typeName).join(' | ');
  if ('const' in schema) return JSON.stringify(schema['const']);
  if (Array.isArray(schema['enum']))
    return (schema['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const type = schema['type'];
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array') return `array of ${typeName((schema['items'] ?? {}) as Json)}`;
  const format = text(schema['format']);
  return `${text(type) ?? 'any'}${format === undefined ? '' : ` (${format})`}`;
}

/** The object schemas to show fields of: the schema itself, an array's items, or a union's objects. */
function objectsIn(schema: Json): Json[] {
  if (schema['type'] === 'object' && schema['properties'] !== undefined) return [schema];
  if (schema['type'] === 'array') return objectsIn((schema['items'] ?? {}) as Json);
  const variants = (schema['anyOf'] ?? schema['oneOf']) as Json[] | undefined;
  return variants === undefined ? [] : variants.flatMap(objectsIn);
}

function SchemaFields({ t, schema }: { t: Translator; schema: Json }) {
  const objects = objectsIn(schema);
  if (objects.length === 0) return null;
  return (
    <>
      {objects.map((object, index) => {
        const required = new Set((object['required'] as string[] | undefined) ?? []);
        return (
          <ul class="list list--bullet" key={index}>
            {Object.entries(object['properties'] as Record<string, Json>).map(([name, property]) => (
              <li key={name}>
                <Bdi>
                  <code>{name}</code>: {typeName(property)}
                </Bdi>{' '}
                {required.has(name) ? t.t('apiDocs.required') : t.t('apiDocs.optional')}
                {text(property['description']) !== undefined && <> — {text(property['description'])}</>}
                <SchemaFields t={t} schema={property} />
              </li>
            ))}
          </ul>
        );
      })}
    </>
  );
}

function Content({ t, content }: { t: Translator; content: Json | undefined }) {
  if (content === undefined) return null;
  return (
    <>
      {Object.entries(content as Record<string, Json>).map(([mediaType, media]) => {
        const schema = (media['schema'] ?? {}) as Json;
        return (
          <div key={mediaType}>
            <p>
              <Bdi>
                <code>{mediaType}</code>: {typeName(schema)}
              </Bdi>
            </p>
            <SchemaFields t={t} schema={schema} />
          </div>
        );
      })}
    </>
  );
}

function Parameters({ t, parameters, shared }: { t: Translator; parameters: Json[]; shared: Json }) {
  if (parameters.length === 0) return null;
  const resolve = (p: Json) =>
    (text(p['$ref']) === undefined
      ? p
      : (shared[(text(p['$ref']) ?? '').split('/').pop() ?? ''] ?? p)) as Json;
  return (
    <div class="table-container">
      <table class="table">
        <caption>{t.t('apiDocs.parameters')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('apiDocs.name')}</th>
            <th scope="col">{t.t('apiDocs.in')}</th>
            <th scope="col">{t.t('apiDocs.type')}</th>
            <th scope="col">{t.t('apiDocs.description')}</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map(resolve).map((parameter) => (
            <tr key={`${text(parameter['in']) ?? ''}-${text(parameter['name']) ?? ''}`}>
              <td>
                <Bdi>
                  <code>{text(parameter['name'])}</code>
                </Bdi>{' '}
                {parameter['required'] === true ? t.t('apiDocs.required') : t.t('apiDocs.optional')}
              </td>
              <td>{text(parameter['in'])}</td>
              <td>
                <Bdi>{typeName((parameter['schema'] ?? {}) as Json)}</Bdi>
              </td>
              <td>{text(parameter['description'])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Operation({ t, entry, components }: { t: Translator; entry: DocsOperation; components: Json }) {
  const { operation } = entry;
  const responses = (operation['responses'] ?? {}) as Record<string, Json>;
  const sharedResponses = (components['responses'] ?? {}) as Record<string, Json>;
  const requestBody = operation['requestBody'] as Json | undefined;
  return (
    <section class="stack" id={anchorOf(entry.method, entry.path)}>
      <h3>
        <Bdi>
          <code>
            {entry.method} {entry.path}
          </code>
        </Bdi>
      </h3>
      {text(operation['summary']) !== undefined && <p class="lead">{text(operation['summary'])}</p>}
      {text(operation['description']) !== undefined && <p>{text(operation['description'])}</p>}
      <Parameters
        t={t}
        parameters={(operation['parameters'] ?? []) as Json[]}
        shared={(components['parameters'] ?? {}) as Json}
      />
      <h4>{t.t('apiDocs.requestBody')}</h4>
      {requestBody === undefined ? (
        <p>{t.t('apiDocs.noBody')}</p>
      ) : (
        <Content t={t} content={requestBody['content'] as Json | undefined} />
      )}
      <h4>{t.t('apiDocs.responses')}</h4>
      <dl class="summary-list">
        {Object.entries(responses).map(([status, declared]) => {
          const ref = text(declared['$ref']);
          const response = ref === undefined ? declared : (sharedResponses[ref.split('/').pop() ?? ''] ?? {});
          return (
            <Fragment key={status}>
              <dt>
                <Bdi>{status}</Bdi>
              </dt>
              <dd>
                {text(response['description'])}
                {ref === undefined && <Content t={t} content={response['content'] as Json | undefined} />}
              </dd>
            </Fragment>
          );
        })}
      </dl>
    </section>
  );
}

export function ApiDocsPage(props: { t: Translator; currentPath: string; document: Json }) {
  const { t, document } = props;
  const groups = operationsByTag(document);
  const webhooks = webhookOperations(document);
  const components = (document['components'] ?? {}) as Json;
  const problem = ((components['schemas'] ?? {}) as Json)['Problem'] as Json | undefined;
  const title = t.t('apiDocs.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('apiDocs.lead')}</p>
        <p>
          {t.t('apiDocs.machineReadable')}{' '}
          <a href="/api/v1/openapi.json">
            <Bdi>/api/v1/openapi.json</Bdi>
          </a>
        </p>
        <h2>{t.t('apiDocs.authTitle')}</h2>
        <p>{t.t('apiDocs.auth')}</p>
        <h2>{t.t('apiDocs.idempotencyTitle')}</h2>
        <p>{t.t('apiDocs.idempotency')}</p>
        <h2>{t.t('apiDocs.errorsTitle')}</h2>
        <p>{t.t('apiDocs.errors')}</p>
        {problem !== undefined && <SchemaFields t={t} schema={problem} />}
        <h2>{t.t('apiDocs.contents')}</h2>
        <ul class="list list--bullet">
          {[...groups.values()].flat().map((entry) => (
            <li key={anchorOf(entry.method, entry.path)}>
              <a href={`#${anchorOf(entry.method, entry.path)}`}>
                <Bdi>
                  {entry.method} {entry.path}
                </Bdi>
              </a>
            </li>
          ))}
        </ul>
        {[...groups.entries()].map(([tag, operations]) => (
          <section class="stack" key={tag}>
            <h2>
              <Bdi>{tag}</Bdi>
            </h2>
            {operations.map((entry) => (
              <Operation
                t={t}
                entry={entry}
                components={components}
                key={anchorOf(entry.method, entry.path)}
              />
            ))}
          </section>
        ))}
        {webhooks.length > 0 && (
          <section class="stack" id="webhooks">
            <h2>{t.t('apiDocs.webhooksTitle')}</h2>
            <p>{t.t('apiDocs.webhooks')}</p>
            <h3>{t.t('apiDocs.webhookEvents')}</h3>
            <ul class="list list--bullet">
              {webhooks.map((entry) => (
                <li key={entry.path}>
                  <a href={`#${anchorOf(entry.method, entry.path)}`}>
                    <Bdi>{entry.path}</Bdi>
                  </a>
                </li>
              ))}
            </ul>
            {webhooks.map((entry) => (
              <Operation t={t} entry={entry} components={components} key={entry.path} />
            ))}
          </section>
        )}
      </div>
    </Layout>
  );
}
