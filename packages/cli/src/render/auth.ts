import type { AuthCheckResult } from '@metawsm/core';
import { PLAIN, type Style } from './color.js';

const yn = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');

const ready = (style: Style, ok: boolean) => (ok ? style.ok('READY') : style.bad('NOT READY'));

function signingLine(s: NonNullable<AuthCheckResult['targets'][number]['signing']>): string {
  if (!s.required) return 'not required';
  const what = `required (${s.format ?? '?'}${s.key ? `, key ${s.key}` : ''})`;
  return `${what}: ${s.usable ? 'usable' : 'NOT USABLE'}${s.detail ? ` - ${s.detail}` : ''}`;
}

/** Human rendering of `metawsm auth check` (coloured by `style` on a terminal). */
export function renderAuth(r: AuthCheckResult, style: Style = PLAIN): string {
  const out = [
    `credential mode  ${r.credentialMode}`,
    `token source     ${r.tokenSource ?? 'none found'}`,
    `github login     ${r.login ?? '-'}${r.scopes ? `  scopes: ${r.scopes.join(', ') || '(none)'}` : ''}`,
    `git              ${r.git ? `${r.git.gitVersion ?? 'not found'} (engine ${r.git.name})` : 'unknown (no usable git engine)'}`,
  ];
  for (const t of r.targets) {
    out.push(`\n${t.ticket}/${t.repo}  push ${ready(style, t.pushReady)}  pr ${ready(style, t.prReady)}`);
    out.push(
      `  remote       ${t.remote ?? '-'}${t.owner ? `  (${t.owner}/${t.repository ?? ''} via ${t.apiUrl ?? ''})` : ''}`,
    );
    out.push(
      `  push access  ${yn(t.pushPermission)}    base ${t.baseBranch} on remote: ${yn(t.baseBranchExists)}`,
    );
    out.push(`  git identity ${t.gitIdentity ?? 'none'}`);
    if (t.signing) out.push(`  signing      ${signingLine(t.signing)}`);
    for (const p of t.problems)
      out.push(
        `  ${style.bad('problem')}      [${p.code}] ${p.message}${p.hint ? `\n  fix          ${p.hint}` : ''}`,
      );
  }
  out.push(
    `\npushReady: ${r.pushReady ? style.ok('true') : style.bad('false')}  prReady: ${r.prReady ? style.ok('true') : style.bad('false')}`,
  );
  return out.join('\n');
}
