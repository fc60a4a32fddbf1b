import { createRequire } from 'node:module';

let resolved: string | null | undefined;

/**
 * Where better-sqlite3's compiled addon is, for its `nativeBinding` option. Without it,
 * better-sqlite3 finds the addon through the `bindings` package, which inspects a stack trace and
 * probes a dozen paths: about 9 ms of every command's start-up. null (let better-sqlite3 search)
 * when the addon is not at its usual place (another build layout).
 */
export function betterSqliteAddon(): string | undefined {
  if (resolved === undefined) {
    try {
      resolved = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      resolved = null;
    }
  }
  return resolved ?? undefined;
}
