import * as v from 'valibot';
import { canonicalJson, sha256Hex } from '../domain/digest.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import { nearestName } from '../domain/nearest-name.js';
import { jsonErrorPosition } from './json-error-position.js';
import { siblingKeys, unknownKeyPaths } from './keys.js';
import { BUILTIN_CHECK_NAMES, policySchema, type Policy } from './schema.js';

/** One problem found in a policy, located by a JSON path such as `$.git_pr.required_checks[1]`. */
export interface PolicyProblem {
  path: string;
  message: string;
  /** For an unknown key: the allowed key it most likely misspells (`requried_checks` → `required_checks`). */
  suggestion?: string;
}

/** A validated policy and where it came from. */
export interface LoadedPolicy {
  policy: Policy;
  /** SHA-256 of the canonical JSON of the effective policy; recorded with every operation. */
  digest: string;
  /** The file it was read from, or null when defaults apply (no file). */
  file: string | null;
}

/** Turn a valibot issue path into `$.a.b[0]`. */
function jsonPath(issue: v.BaseIssue<unknown>): string {
  return jsonPathOf((issue.path ?? []).map((item) => item.key));
}

/** `['git_pr', 'required_checks', 1]` → `$.git_pr.required_checks[1]`. */
function jsonPathOf(keys: readonly unknown[]): string {
  let out = '$';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

const isUnknownKey = (issue: v.BaseIssue<unknown>) =>
  issue.type === 'strict_object' && issue.expected === 'never';

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'object' || issue.type === 'strict_object')
    return `expected an object, got ${issue.received}`;
  if (issue.type === 'picklist' && !issue.message.startsWith('unknown check'))
    return `expected one of ${issue.expected ?? '?'}, got ${issue.received}`;
  if (issue.kind === 'schema' && issue.type !== 'picklist' && issue.type !== 'union')
    return `expected ${issue.expected ?? issue.type}, got ${issue.received}`;
  return issue.message;
}

/** An unknown key, with the nearest allowed key of its object if one is close. */
function unknownKeyProblem(keys: string[]): PolicyProblem {
  const problem: PolicyProblem = { path: jsonPathOf(keys), message: 'unknown key' };
  const suggestion = nearestName(keys.at(-1) ?? '', siblingKeys(keys.join('.')));
  if (suggestion) {
    problem.suggestion = suggestion;
    problem.message = `unknown key (did you mean "${suggestion}"?)`;
  }
  return problem;
}

/** Validate an already-parsed value; returns the defaulted policy or every problem found. */
export function validatePolicy(
  input: unknown,
  checkNames: readonly string[] = BUILTIN_CHECK_NAMES,
): { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] } {
  const result = v.safeParse(policySchema(checkNames), input);
  if (result.success) {
    const { $schema: _editorsOnly, ...policy } = result.output;
    return { ok: true, policy };
  }
  // Unknown keys are all listed here (valibot reports only an object's first one).
  const problems = [
    ...result.issues
      .filter((issue) => !isUnknownKey(issue))
      .map((issue) => ({ path: jsonPath(issue), message: describe(issue) })),
    ...unknownKeyPaths(input).map(unknownKeyProblem),
  ];
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: false, problems };
}

/** Parse and validate policy text; POLICY_PARSE (with line and column) or POLICY_INVALID (every problem). */
export function parsePolicy(text: string, file: string, checkNames?: readonly string[]): LoadedPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    const pos = jsonErrorPosition(text);
    const where = pos ? `${file}:${pos.line}:${pos.column}` : file;
    throw new MetawsmError('POLICY_PARSE', `${where}: policy is not valid JSON`, {
      hint: 'Fix the JSON syntax at that position, or run `metawsm policy init --force` to start from the defaults.',
      data: { file, ...(pos ?? {}) },
      cause,
    });
  }
  const checked = validatePolicy(raw, checkNames);
  if (!checked.ok) {
    const list = checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new MetawsmError(
      'POLICY_INVALID',
      `${file}: ${checked.problems.length} policy problem(s): ${list}`,
      {
        hint: 'Fix each listed path (run `metawsm policy validate` to re-check); `metawsm policy init --force` writes the defaults.',
        data: { file, problems: checked.problems },
      },
    );
  }
  return { policy: checked.policy, digest: policyDigest(checked.policy), file };
}

/** The default policy (what `policy init` writes). */
export function defaultPolicy(): Policy {
  const checked = validatePolicy({});
  if (!checked.ok) throw new Error('default policy does not validate');
  return checked.policy;
}

/** Digest of an effective policy. */
export function policyDigest(policy: Policy): string {
  return sha256Hex(canonicalJson(policy));
}
