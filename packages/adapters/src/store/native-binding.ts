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
    resolved = null;
    const require = createRequire(import.meta.url);
    // Where prebuild-install and node-gyp put it (a debug build: Debug).
    for (const build of ['Release', 'Debug']) {
      try {
        resolved = require.resolve(`better-sqlite3/build/${build}/better_sqlite3.node`);
        break;
      } catch {
        // not this one
      }
    }
  }
  return resolved ?? undefined;
}
