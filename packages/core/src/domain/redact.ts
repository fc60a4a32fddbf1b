import { redactUrl } from './remote-url.js';

/** Token formats that must never be printed (also used by the `secrets` check). */
export const TOKEN_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'github_token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g },
  { name: 'github_fine_grained_token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { name: 'aws_access_key_id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'private_key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/g },
  { name: 'slack_token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
];

/**
 * Remove credentials from free text: userinfo in URLs, well-known token formats, and any of the
 * `known` secret values (e.g. the token in use).
 */
export function redactText(text: string, known: readonly string[] = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/gi, '$1');
  for (const value of known) {
    if (value.length >= 4) out = out.split(value).join('[REDACTED]');
  }
  for (const { pattern } of TOKEN_PATTERNS) out = out.replace(pattern, '[REDACTED]');
  return out;
}

export { redactUrl };
