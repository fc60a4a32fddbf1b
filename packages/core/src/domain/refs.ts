import { MetawsmError } from '../errors/metawsm-error.js';

/** Longest ref path component metawsm writes, in bytes (a file name limit). */
export const MAX_REF_COMPONENT_BYTES = 255;

const encoder = new TextEncoder();

/** Length of `text` in UTF-8 bytes. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Normalise one placeholder value for a ref: lowercase; anything outside `[a-z0-9._-]` becomes `-`;
 * runs of `-` collapse; leading/trailing `-` and `.` are trimmed; empty becomes `x`.
 */
export function normalizeRefComponent(value: string): string {
  const out = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return out === '' ? 'x' : out;
}

/**
 * Why `name` (a ref name such as `feature/x` or `refs/heads/x`) breaks git's ref-format rules
 * (git-check-ref-format), or null when it is valid.
 */
export function refFormatProblem(name: string): string | null {
  if (name === '') return 'is empty';
  if (name === '@') return 'is "@"';
  if (name.startsWith('/') || name.endsWith('/')) return 'starts or ends with "/"';
  if (name.includes('//')) return 'contains "//"';
  if (name.includes('..')) return 'contains ".."';
  if (name.includes('@{')) return 'contains "@{"';
  if (name.endsWith('.')) return 'ends with "."';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name))
    return 'contains a space, control character or one of ~ ^ : ? * [ \\';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `component "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `component "${part}" ends with ".lock"`;
    // A loose ref is a file: a component is a file name, at most 255 bytes on common file systems.
    if (utf8Length(part) > MAX_REF_COMPONENT_BYTES)
      return `has a component longer than ${MAX_REF_COMPONENT_BYTES} bytes`;
  }
  return null;
}

/** Throw INVALID_REF unless `name` is a valid ref name. */
export function assertValidRefName(name: string, what: string): void {
  const problem = refFormatProblem(name);
  if (problem) {
    throw new MetawsmError('INVALID_REF', `${what} "${name}" is not a valid git ref name: it ${problem}`, {
      hint: 'Change the value or the git_pr.branch_template policy so the name passes `git check-ref-format`.',
      data: { name, problem },
    });
  }
}

/** Values for the branch template placeholders. */
export interface BranchTemplateValues {
  ticket: string;
  repo: string;
  run: string;
}

/** Render `git_pr.branch_template` with normalised placeholder values; INVALID_REF when the result is not a valid branch. */
export function renderBranchName(template: string, values: BranchTemplateValues): string {
  const name = template.replace(/\{(ticket|repo|run)\}/g, (_m, key: keyof BranchTemplateValues) =>
    normalizeRefComponent(values[key]),
  );
  assertValidRefName(name, 'PR branch');
  assertValidRefName(`refs/heads/${name}`, 'PR branch');
  return name;
}

/**
 * `refs/metawsm/snapshots/<run>/<ticket>/<repo>`. Components are used as given when they
 * are valid single ref components (e.g. `PROJ-12`); only a component that is not (spaces, `/`, ...)
 * is normalised like a branch placeholder.
 */
export function snapshotRefName(values: BranchTemplateValues): string {
  const part = (v: string) =>
    v.includes('/') || refFormatProblem(v) !== null ? normalizeRefComponent(v) : v;
  const ref = `refs/metawsm/snapshots/${part(values.run)}/${part(values.ticket)}/${part(values.repo)}`;
  assertValidRefName(ref, 'snapshot ref');
  return ref;
}

/** Throw INVALID_REF unless `branch` is a valid branch name (used for base branches). */
export function assertValidBranchName(branch: string, what = 'branch'): void {
  assertValidRefName(branch, what);
  assertValidRefName(`refs/heads/${branch}`, what);
}
