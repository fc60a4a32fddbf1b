import type * as v from 'valibot';

/** The parts of a valibot schema the projection walks (objects, arrays and their wrappers). */
interface SchemaShape {
  type: string;
  entries?: Record<string, SchemaShape>;
  item?: SchemaShape;
  wrapped?: SchemaShape;
}

const WRAPPERS = new Set([
  'nullish',
  'optional',
  'nullable',
  'exact_optional',
  'undefinedable',
  'non_optional',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` with only the object keys `schema` declares (recursively through objects, arrays and
 * optional/nullable wrappers); anything the schema does not describe structurally (unions,
 * primitives, a value of another shape) is kept whole. Parsing the result with `schema` gives
 * what parsing `value` gives, because valibot objects ignore undeclared keys anyway. Used to
 * store GitHub's answers for conditional requests at a fraction of their size (user objects
 * and `_links` make up most of a review comment).
 */
export function keepSchemaFields(schema: v.GenericSchema, value: unknown): unknown {
  return project(schema, value);
}

function project(schema: SchemaShape, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (WRAPPERS.has(schema.type) && schema.wrapped) return project(schema.wrapped, value);
  if (schema.type === 'array' && schema.item && Array.isArray(value)) {
    const item = schema.item;
    return value.map((x) => project(item, x));
  }
  if (schema.type === 'object' && schema.entries && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(schema.entries))
      if (Object.hasOwn(value, key)) out[key] = project(entry, value[key]);
    return out;
  }
  return value;
}
