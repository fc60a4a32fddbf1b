import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLSchema } from 'graphql';

let cached: GraphQLSchema | undefined;

/** Where `@octokit/graphql-schema` is installed: searched upwards from this file, then from the cwd. */
function schemaFile(): string {
  const rel = join('node_modules', '@octokit', 'graphql-schema', 'schema.graphql');
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, rel))) return join(dir, rel);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('stand-in: @octokit/graphql-schema is not installed');
}

/**
 * GitHub's published GraphQL schema (built once per process, ~0.3 s), so every query the stand-in
 * answers is validated exactly as GitHub validates it. The published SDL repeats two fields, hence
 * `assumeValidSDL`.
 */
export function githubGraphQLSchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(schemaFile(), 'utf8'), { assumeValidSDL: true });
  return cached;
}
