import { Secret, type ProcessPort } from '@metawsm/core';

/** The variable the token given in code stands in for (accepted by both credential modes). */
const TOKEN_VARIABLE = 'METAWSM_GITHUB_TOKEN';

/**
 * `process` with the environment metawsm reads replaced where the caller said so: `env` entries
 * (an `undefined` value hides a variable) and a token given in code, read as METAWSM_GITHUB_TOKEN.
 * Only what metawsm itself reads changes: child processes (test commands) get the real
 * environment, minus the token variables as always.
 */
export function withEnvironment(
  process: ProcessPort,
  overrides: {
    env?: Readonly<Record<string, string | undefined>> | undefined;
    token?: Secret | string | undefined;
  },
): ProcessPort {
  const { env, token } = overrides;
  if (!env && token === undefined) return process;
  const secret = typeof token === 'string' ? new Secret(token) : token;
  return new Proxy(process, {
    get(target, prop, receiver) {
      if (prop !== 'env') {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (name: string): string | undefined => {
        if (secret && name === TOKEN_VARIABLE) return secret.reveal();
        if (env && Object.hasOwn(env, name)) return env[name];
        return target.env(name);
      };
    },
  });
}
