// A NUL byte is never a 500: every operation of the published OpenAPI document, called by a signed-in caller of the
// kind it serves, with a NUL in each of its string path parameters, string query parameters, form fields and JSON
// body fields (one at a time, from the document's own schemas), answers 400 VALIDATION naming the control character.
// Bounded: at most 40 variants an operation. The document is walked, so a new operation is covered the day it ships.
import { expect } from 'chai';
import type { ServerInjectResponse } from '@hapi/hapi';
import { getDeployment, inject, json, staffToken } from '../helpers/deployment.js';
import { memberOf, multipart, PDF } from '../helpers/employers.js';
import { enrolStudent } from '../helpers/students.js';

const SITE = 'njfu';
const NUL = '\u0000';
const PER_OPERATION = 40;

interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  format?: string;
}
interface Parameter extends Schema {
  name: string;
  in: 'path' | 'query' | 'body' | 'formData' | 'header';
  schema?: Schema;
}
interface OpenApi {
  basePath: string;
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  definitions: Record<string, Schema>;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** A plausible value for a schema, and the paths of its string leaves. */
function sample(doc: OpenApi, schema: Schema | undefined, depth = 0): Json {
  if (!schema || depth > 6) return 'x';
  if (schema.$ref) return sample(doc, doc.definitions[schema.$ref.split('/').pop()!], depth + 1);
  if (schema.enum?.length) return schema.enum[0] as Json;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = sample(doc, v, depth + 1);
      return out;
    }
    case 'array':
      return [sample(doc, schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    default:
      return schema.format === 'date' ? '2026-12-31' : 'x';
  }
}

function stringLeaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withNul(value: Json, path: (string | number)[]): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let at = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  at[path.at(-1)!] = NUL;
  return copy;
}

function plausible(p: Parameter): string {
  if (p.name === 'slug') return SITE;
  if (p.type === 'integer') return '1';
  if (p.format === 'guid' || p.format === 'uuid' || /id$/i.test(p.name))
    return '00000000-0000-4000-8000-000000000000';
  return 'x';
}

describe('GET/POST/PUT… every OpenAPI operation with a NUL byte', () => {
  it('answers 400 VALIDATION (包含不允许的控制字符) to a NUL in any string field, never a 5xx', async function () {
    this.timeout(300_000);
    const { server } = await getDeployment();
    const doc = json<OpenApi>(await inject('/swagger.json'));
    const employer = await memberOf([SITE]);
    const staff = await staffToken(`${SITE}.admin`);
    const student = (await enrolStudent(SITE)).token;
    const strategiesOf = (method: string, path: string) => {
      const route = server.table().find((r) => r.method === method && r.path === path);
      const auth = route?.settings.auth as { strategies?: string[] } | false | undefined;
      return auth ? (auth.strategies ?? []) : [];
    };

    const failures: string[] = [];
    const unexpected: string[] = [];
    let requests = 0;
    let operations = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (/\/events$/.test(template)) continue; // a Server-Sent Events stream never ends
        operations += 1;
        const full = `${doc.basePath}${template}`;
        const strategies = strategiesOf(method, full);
        const token = strategies.some((s) => s.startsWith('staff'))
          ? staff
          : strategies.some((s) => s.startsWith('student'))
            ? student
            : employer.token;
        const params = op.parameters ?? [];
        const pathOf = (nul?: string) =>
          full.replace(/\{(\w+)\*?\}/g, (_m, name: string) =>
            encodeURIComponent(
              name === nul ? NUL : plausible(params.find((p) => p.name === name) ?? { name, in: 'path' }),
            ),
          );
        const body = params.find((p) => p.in === 'body');
        const baseBody = body ? sample(doc, body.schema) : undefined;
        const form = params.filter((p) => p.in === 'formData');

        const variants: {
          label: string;
          url: string;
          payload?: string | Buffer;
          headers?: Record<string, string>;
        }[] = [];
        const jsonBody = (b: Json | undefined) =>
          b === undefined
            ? {}
            : { payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } };
        const formBody = (nul?: string) => {
          if (form.length === 0) return {};
          const fields: Record<string, string> = {};
          for (const p of form)
            if (p.name !== 'file') fields[p.name] = p.name === nul ? NUL : String(p.enum?.[0] ?? 'x');
          const m = multipart(
            fields,
            form.some((p) => p.name === 'file')
              ? { name: nul === 'file' ? `a${NUL}.pdf` : 'a.pdf', data: PDF }
              : undefined,
          );
          return { payload: m.payload, headers: m.headers };
        };
        const base = form.length > 0 ? formBody() : jsonBody(baseBody);
        for (const p of params.filter((p) => p.in === 'path' && p.type === 'string'))
          variants.push({ label: `path ${p.name}`, url: pathOf(p.name), ...base });
        for (const p of params.filter((p) => p.in === 'query' && p.type === 'string'))
          variants.push({ label: `query ${p.name}`, url: `${pathOf()}?${p.name}=%00`, ...base });
        for (const p of form) variants.push({ label: `form ${p.name}`, url: pathOf(), ...formBody(p.name) });
        if (baseBody !== undefined)
          for (const leaf of stringLeaves(baseBody))
            variants.push({
              label: `body ${leaf.join('.') || '(body)'}`,
              url: pathOf(),
              ...jsonBody(withNul(baseBody, leaf)),
            });

        for (const v of variants.slice(0, PER_OPERATION)) {
          requests += 1;
          let res: ServerInjectResponse;
          try {
            res = await inject({
              method: method.toUpperCase(),
              url: v.url,
              payload: v.payload,
              headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...v.headers },
            });
          } catch (err) {
            failures.push(`${method} ${template} ${v.label}: threw ${(err as Error).message}`);
            continue;
          }
          const line = `${method.toUpperCase()} ${template} ${v.label} → ${res.statusCode} ${res.payload.slice(0, 160)}`;
          if (res.statusCode >= 500) failures.push(line);
          else if (
            res.statusCode !== 400 ||
            json<{ code: string }>(res).code !== 'VALIDATION' ||
            !res.payload.includes('包含不允许的控制字符')
          )
            unexpected.push(line);
        }
      }
    }
    expect(operations).to.be.greaterThan(60);
    expect(requests).to.be.greaterThan(120);
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(unexpected, unexpected.join('\n')).to.deep.equal([]);
  });
});
