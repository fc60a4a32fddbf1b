import { MetawsmError } from '@metawsm/core';

/**
 * The error for a remote's 401, 403 or 404, the same from both engines (the native one reads the
 * status from git's stderr, the js one from its HTTP response). A 401 is AUTH_INVALID when
 * credentials were sent, AUTH_MISSING when none were.
 */
export function remoteAccessError(
  status: 401 | 403 | 404,
  url: string,
  authenticated: boolean,
  data: Record<string, unknown>,
): MetawsmError {
  if (status === 401)
    return authenticated
      ? new MetawsmError('AUTH_INVALID', `${url} rejected the credentials (HTTP 401)`, {
          hint: 'Check that the token is valid and not expired (`metawsm auth check`).',
          data,
        })
      : new MetawsmError('AUTH_MISSING', `${url} requires authentication (HTTP 401)`, {
          hint: 'Provide a token (`metawsm auth check` shows where metawsm looks for one).',
          data,
        });
  if (status === 403)
    return new MetawsmError('PERMISSION_DENIED', `${url} denied access (HTTP 403)`, {
      hint: 'Check that the token may read and push to this repository.',
      data,
    });
  return new MetawsmError('REMOTE_NOT_FOUND', `${url} was not found (HTTP 404)`, {
    hint: 'Check the remote URL and that the repository exists and is visible to the token.',
    data,
  });
}
