import { API_URL_VARIABLE, apiUrlOverride } from '../domain/api-url.js';
import { parseRemoteUrl, type RemoteLocation } from '../domain/remote-url.js';
import type { Target } from '../domain/run.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import type { GitPort, RemoteEndpoint, Workspace } from '../ports/git.port.js';
import type { ProcessPort } from '../ports/process.port.js';
import type { ResolvedToken } from './credentials.js';

/** Where a target's remote is: its parsed location (owner/repo, https URL, API URL). */
export async function locateRemote(
  deps: { git: GitPort; process: ProcessPort },
  ws: Workspace,
  target: Pick<Target, 'remote' | 'path'>,
): Promise<RemoteLocation> {
  const url = await deps.git.remoteUrl(ws, target.remote);
  if (url === null) {
    throw new MetawsmError('REMOTE_NOT_FOUND', `${target.path} has no remote "${target.remote}"`, {
      hint: `Add it: git -C ${target.path} remote add ${target.remote} https://github.com/OWNER/REPO.git`,
      data: { path: target.path, remote: target.remote },
    });
  }
  return parseRemoteUrl(url, apiUrlOverride(deps.process.env(API_URL_VARIABLE)));
}

/** The http(s) endpoint to fetch from / push to, authenticated with the token when there is one. */
export function endpointFor(location: RemoteLocation, token: ResolvedToken | null): RemoteEndpoint {
  return {
    url: location.httpUrl,
    auth: token ? { username: 'x-access-token', password: token.token } : null,
  };
}
