import type { Identity, SigningConfig, Workspace } from '@metawsm/core';
import { signingConfigOf } from '../signing/signing-config.js';
import type { NativeContext } from './context.js';

/** Every effective config entry of a workspace, in git's reading order (system, global, repo, worktree). */
export type ConfigEntries = readonly (readonly [key: string, value: string | null])[];

/** One `git config --list` per workspace object: remote URL and identity reads share it. */
const cache = new WeakMap<Workspace, Promise<ConfigEntries>>();

/** The workspace's effective configuration as git computes it (includes, conditional includes). */
export function readConfig(ctx: NativeContext, ws: Workspace): Promise<ConfigEntries> {
  let entries = cache.get(ws);
  if (!entries) {
    entries = ctx.runner
      .run({ cwd: ws.path, args: ['config', '-z', '--list'] })
      .then((r) => parseConfigList(r.stdout.toString('utf8')));
    cache.set(ws, entries);
    // A failed read is not cached: the next call asks git again.
    entries.catch(() => cache.delete(ws));
  }
  return entries;
}

/** Parse `git config -z --list`: `key\nvalue\0`, or `key\0` for a valueless boolean. Keys are lowercased by git except subsections. */
export function parseConfigList(text: string): ConfigEntries {
  const out: [string, string | null][] = [];
  for (const rec of text.split('\0')) {
    if (rec === '') continue;
    const nl = rec.indexOf('\n');
    out.push(nl < 0 ? [rec, null] : [rec.slice(0, nl), rec.slice(nl + 1)]);
  }
  return out;
}

/** The last value of a single-valued key (git's rule), or null. */
export function lastValue(entries: ConfigEntries, key: string): string | null {
  let v: string | null = null;
  for (const [k, value] of entries) if (k === key) v = value;
  return v;
}

/** `remote.<name>.url` (the first, as git fetches from), rewritten by the longest `url.<base>.insteadOf`. */
export async function remoteUrl(ctx: NativeContext, ws: Workspace, remote: string): Promise<string | null> {
  const entries = await readConfig(ctx, ws);
  const url = entries.find(([k]) => k === `remote.${remote}.url`)?.[1] ?? null;
  if (url === null) return null;
  let best: { prefix: string; base: string } | null = null;
  for (const [k, v] of entries) {
    const m = /^url\.(.+)\.insteadof$/.exec(k);
    if (m && v && url.startsWith(v) && (!best || v.length > best.prefix.length))
      best = { prefix: v, base: m[1]! };
  }
  return best ? best.base + url.slice(best.prefix.length) : url;
}

/** `user.name` and `user.email` (repository config over global); null when either is missing or empty. */
export async function identity(ctx: NativeContext, ws: Workspace): Promise<Identity | null> {
  const entries = await readConfig(ctx, ws);
  const name = lastValue(entries, 'user.name')?.trim();
  const email = lastValue(entries, 'user.email')?.trim();
  return name && email ? { name, email } : null;
}

/** Signing settings (SPEC 4.1a) from the effective config. */
export async function signingConfig(ctx: NativeContext, ws: Workspace): Promise<SigningConfig> {
  return signingConfigOf(await readConfig(ctx, ws));
}
