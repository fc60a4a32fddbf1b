import { MetawsmError, redactText, type CommitSigning, type SigningProbe } from '@metawsm/core';
import type { SignerRun } from './signer-process.js';

const LOCKED_KEY =
  /passphrase|pinentry|no agent|agent refused|could not open a connection to your authentication agent|inappropriate ioctl/i;

/** The last lines a signer wrote, redacted (URL credentials, token formats), at most ~600 characters. */
export function stderrTail(stderr: string): string {
  const lines = redactText(stderr)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('[GNUPG:]'));
  return lines.slice(-4).join(' / ').slice(-600);
}

function hintFor(
  run: SignerRun,
  ctx: { program: string; signing: CommitSigning; path: string; probe?: SigningProbe },
): string {
  const { format, key } = ctx.signing;
  if (run.spawnError) {
    const setting =
      format === 'ssh' ? 'gpg.ssh.program' : format === 'x509' ? 'gpg.x509.program' : 'gpg.program';
    return `Install ${ctx.program} or point ${setting} at the signer; or set git_pr.sign_commits to "never".`;
  }
  // The key is there (probe) or the signer said so: it is locked, and nobody can type a passphrase here.
  const locked = LOCKED_KEY.test(run.stderr) || run.timedOut || ctx.probe?.usable === true;
  if (locked)
    return `The key needs a passphrase or confirmation that a non-interactive run cannot give: load it into ${format === 'ssh' ? 'ssh-agent (ssh-add)' : 'gpg-agent (sign once interactively)'} and retry.`;
  if (ctx.probe?.remedy) return `${ctx.probe.detail}: ${ctx.probe.remedy}`;
  return `Check user.signingkey (${key}) and gpg.format; \`git commit -S --allow-empty\` in ${ctx.path} shows the signer's own error.`;
}

/**
 * SIGNING_FAILED (exit 8) for a signer that could not start, timed out or refused: the message
 * carries its stderr tail (redacted); the hint names an agent when the key looks locked.
 */
export function signingFailed(
  run: SignerRun,
  ctx: { program: string; signing: CommitSigning; path: string; probe?: SigningProbe },
): MetawsmError {
  const tail = stderrTail(run.stderr);
  const why = run.spawnError
    ? `cannot run ${ctx.program}: ${run.spawnError.code ?? run.spawnError.message}`
    : run.timedOut
      ? `${ctx.program} did not finish in time`
      : `${ctx.program} failed (exit ${String(run.code)})`;
  const hint = hintFor(run, ctx);
  return new MetawsmError(
    'SIGNING_FAILED',
    `signing the commit (${ctx.signing.format}) failed: ${why}${tail ? `: ${tail}` : ''}`,
    {
      hint,
      data: {
        path: ctx.path,
        format: ctx.signing.format,
        program: ctx.program,
        exitCode: run.code,
        timedOut: run.timedOut,
      },
    },
  );
}
