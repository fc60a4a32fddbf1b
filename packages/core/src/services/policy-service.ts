import { MetawsmError } from '../errors/metawsm-error.js';
import { defaultPolicy, parsePolicy, policyDigest, type LoadedPolicy } from '../policy/parse.js';
import type { FilesPort } from '../ports/files.port.js';

/** Read the policy file (every command does, so there is one source of truth); defaults when absent. */
export async function loadPolicy(
  files: Pick<FilesPort, 'readText'>,
  policyFile: string,
): Promise<LoadedPolicy> {
  const text = await files.readText(policyFile);
  if (text === null) {
    const policy = defaultPolicy();
    return { policy, digest: policyDigest(policy), file: null };
  }
  return parsePolicy(text, policyFile);
}

/**
 * Write the default policy; POLICY_EXISTS unless `force`. With `schemaUrl`, the file starts with
 * a `$schema` key pointing editors at the JSON Schema (see `policySchemaUrl`).
 */
export async function initPolicy(
  files: Pick<FilesPort, 'exists' | 'writeTextAtomic'>,
  input: { policyFile: string; force: boolean; schemaUrl?: string | undefined },
): Promise<LoadedPolicy & { overwritten: boolean }> {
  const exists = await files.exists(input.policyFile);
  if (exists && !input.force) {
    throw new MetawsmError('POLICY_EXISTS', `${input.policyFile} already exists`, {
      hint: 'Use `metawsm policy init --force` to overwrite it with the defaults, or `metawsm policy show` to see it.',
      data: { file: input.policyFile },
    });
  }
  const policy = defaultPolicy();
  const text = input.schemaUrl ? { $schema: input.schemaUrl, ...policy } : policy;
  await files.writeTextAtomic(input.policyFile, `${JSON.stringify(text, null, 2)}\n`);
  return { policy, digest: policyDigest(policy), file: input.policyFile, overwritten: exists };
}

/** Validate a policy file (default: the home's); throws POLICY_PARSE / POLICY_INVALID, PATH_NOT_FOUND when missing. */
export async function validatePolicyFile(
  files: Pick<FilesPort, 'readText'>,
  file: string,
): Promise<LoadedPolicy> {
  const text = await files.readText(file);
  if (text === null) {
    throw new MetawsmError('PATH_NOT_FOUND', `policy file ${file} does not exist`, {
      hint: 'Run `metawsm policy init` to create it, or pass --file with an existing path.',
      data: { file },
    });
  }
  return parsePolicy(text, file);
}
