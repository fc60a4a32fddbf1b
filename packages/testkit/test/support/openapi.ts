import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/*
 * GitHub's own description of its REST API (@octokit/openapi, pinned), used as the oracle for the
 * stand-in's answers: each answer is validated against the response schema GitHub declares for
 * that operation and status.
 */

type Json = Record<string, unknown>;
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}
interface Operation {
  operationId: string;
  responses: Record<string, Json>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * OpenAPI 3.0's `nullable` without a `type` (GitHub uses it beside `allOf`/`anyOf`/`$ref`) is not
 * JSON Schema: rewrite it as `anyOf: [schema, {type: null}]`, recursively.
 */
function jsonSchemaNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaNullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = jsonSchemaNullable(v);
  // ajv applies `enum` to null too, so a nullable enum must list null.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null))
    out.enum = [...out.enum, null];
  if ('nullable' in out && !('type' in out)) {
    const { nullable, ...rest } = out;
    return nullable === true ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  return out;
}

/**
 * Where github.com departs from its own description, each with the reason. Nothing else may fail.
 * `where` is matched against `<operationId> <instancePath>`, `keyword` against ajv's keyword.
 */
export const ALLOWED_DEPARTURES: { where: RegExp; keyword: string; reason: string }[] = [
  {
    where: /^pulls\/(list-review-comments|create-reply-for-review-comment) (\/\d+)?\/(line|position)$/,
    keyword: 'type',
    reason:
      'GitHub sends `line: null` and `position: null` for outdated review comments; the schema says integer.',
  },
  {
    where: /^(pulls\/\w[\w-]*|issues\/\w[\w-]*) .*\/labels\/\d+\/description$/,
    keyword: 'type',
    reason:
      'Labels without a description have `description: null` on github.com; the pull-request schema says string.',
  },
];

/** The pinned OpenAPI document and a validator per (operation, status). */
export class GitHubOpenApi {
  readonly #doc: OpenApiDoc;
  readonly #ajv: Ajv;
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #templates: { method: string; template: string; re: RegExp; literal: number }[] = [];
  /** The allow-list entries that excused at least one error. */
  readonly used = new Set<(typeof ALLOWED_DEPARTURES)[number]>();

  constructor() {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@octokit/openapi/package.json'));
    this.#doc = JSON.parse(
      readFileSync(join(root, 'generated', 'api.github.com.json'), 'utf8'),
    ) as OpenApiDoc;
    this.#ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ components: jsonSchemaNullable(this.#doc.components) }, 'gh');
    for (const [template, ops] of Object.entries(this.#doc.paths))
      for (const method of Object.keys(ops)) {
        const source = template.replace(/\{[^}]+\}/g, (p) => (p === '{ref}' ? '(.+)' : '([^/]+)'));
        const literal = template.replace(/\{[^}]+\}/g, '').length;
        this.#templates.push({
          method: method.toUpperCase(),
          template,
          re: new RegExp(`^${source}$`),
          literal,
        });
      }
  }

  /** The operation a request hits: the most specific path template that matches. */
  operation(method: string, route: string): { template: string; op: Operation } | null {
    const hits = this.#templates
      .filter((t) => t.method === method && t.re.test(route))
      .sort((a, b) => b.literal - a.literal);
    const hit = hits[0];
    if (!hit) return null;
    const op = this.#doc.paths[hit.template]?.[method.toLowerCase()];
    return op ? { template: hit.template, op } : null;
  }

  /** The JSON schema of a response object (following a `$ref` to components.responses). */
  #responseSchema(response: Json): Json | null {
    const ref = response.$ref;
    const resolved =
      typeof ref === 'string'
        ? ((this.#doc.components.responses as Json)[ref.split('/').pop() ?? ''] as Json)
        : response;
    const schema = (resolved.content as Record<string, { schema?: Json }> | undefined)?.['application/json']
      ?.schema;
    return schema ?? null;
  }

  /**
   * Validate one answer. A status the operation does not declare (GitHub lists few 401s) is
   * checked against GitHub's generic `basic-error`. Returns the errors not allowed by
   * {@link ALLOWED_DEPARTURES}, plus whether the status was declared.
   */
  validate(op: Operation, status: number, body: unknown): { errors: ErrorObject[]; declared: boolean } {
    const declared = op.responses[String(status)];
    const schema = declared
      ? this.#responseSchema(declared)
      : status >= 400
        ? { $ref: '#/components/schemas/basic-error' }
        : null;
    if (schema === null) return { errors: [], declared: declared !== undefined };
    const key = `${op.operationId} ${status}`;
    let v = this.#validators.get(key);
    if (!v) {
      const local = JSON.stringify(jsonSchemaNullable(schema)).replaceAll(
        '"#/components/',
        '"gh#/components/',
      );
      v = this.#ajv.compile(JSON.parse(local) as Json);
      this.#validators.set(key, v);
    }
    v(body);
    const errors = (v.errors ?? []).filter((e) => {
      const allowed = ALLOWED_DEPARTURES.find(
        (a) => a.keyword === e.keyword && a.where.test(`${op.operationId} ${e.instancePath}`),
      );
      if (allowed) this.used.add(allowed);
      return allowed === undefined;
    });
    return { errors, declared: declared !== undefined };
  }
}
