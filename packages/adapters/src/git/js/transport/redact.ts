import { redactText } from '@metawsm/core';

/**
 * A URL with any `user:password@` removed (also from strings that do not parse as a URL).
 * Not core's `redactUrl`: that one strips userinfo only at the very start of the string and only
 * up to the first `@`, so a password holding a raw `@` would leave its tail in the text. The URL
 * parser takes userinfo up to the last `@`, as the HTTP client does; other strings go through
 * core's `redactText`.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return redactText(url);
  }
}

/**
 * `text` (e.g. a message a remote sent back) with URL credentials and known token formats removed
 * by core's `redactText`, then every occurrence of `secrets`. The secrets are applied here rather
 * than passed to `redactText` because it skips values shorter than 4 characters, and these are
 * the credentials actually sent to this remote: none may be echoed, however short.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = redactText(text);
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('[REDACTED]');
  return out;
}
