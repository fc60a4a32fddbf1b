import type * as v from 'valibot';
import { policySchema } from './schema.js';

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;

/** One key of the policy file, by dotted path (`git_pr.review_feedback.enabled`). */
export interface PolicyKey {
  /** Dotted path from the top of the file. */
  path: string;
  /** The key's own name (the last segment of the path). */
  name: string;
  /** The valibot schema of its value (optional/nullable/pipe wrappers included). */
  schema: AnySchema;
}

/** The object schema under optional/nullable/pipe wrappers, or null for a non-object value. */
function objectEntries(schema: AnySchema): Record<string, AnySchema> | null {
  const s = schema as AnySchema & { wrapped?: AnySchema; pipe?: AnySchema[]; entries?: unknown };
  if (s.type === 'strict_object' || s.type === 'object') return s.entries as Record<string, AnySchema>;
  if (s.wrapped) return objectEntries(s.wrapped);
  if (s.pipe?.[0] && s.pipe[0] !== schema) return objectEntries(s.pipe[0]);
  return null;
}

/** Every key the policy file may hold, parents before their children, in schema order. */
export function policyKeys(schema: AnySchema = policySchema()): PolicyKey[] {
  const out: PolicyKey[] = [];
  const walk = (entries: Record<string, AnySchema>, prefix: string) => {
    for (const [name, child] of Object.entries(entries)) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.push({ path, name, schema: child });
      const nested = objectEntries(child);
      if (nested) walk(nested, path);
    }
  };
  walk(objectEntries(schema) ?? {}, '');
  return out;
}

/** The keys allowed next to `path` (its siblings in the same object), for "did you mean". */
export function siblingKeys(path: string): string[] {
  const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
  return policyKeys()
    .filter((k) => (k.path.includes('.') ? k.path.slice(0, k.path.lastIndexOf('.')) : '') === parent)
    .map((k) => k.name);
}

/**
 * Every key of `input` that the policy does not know, as key paths (`['git_pr', 'zzz']`), in
 * every object the policy defines. valibot's strict objects stop at the first unknown key of an
 * object; an operator fixing a file wants them all at once.
 */
export function unknownKeyPaths(input: unknown): string[][] {
  const keys = policyKeys();
  const objects = new Set(['', ...keys.filter((k) => objectEntries(k.schema)).map((k) => k.path)]);
  const known = new Set(keys.map((k) => k.path));
  const out: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      const child = [...path, key];
      if (!known.has(child.join('.'))) out.push(child);
      else if (objects.has(child.join('.'))) walk((value as Record<string, unknown>)[key], child);
    }
  };
  walk(input, []);
  return out;
}
