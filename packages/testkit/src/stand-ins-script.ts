import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What `pnpm stand-ins --json` prints once its servers are up. */
export interface StandInsInfo {
  gitUrl: string;
  githubUrl: string;
  login: string;
  /** METAWSM_GITHUB_API_URL, METAWSM_GITHUB_TOKEN, METAWSM_HOME. */
  env: Record<string, string>;
  /** Its folder (removed on stop unless --dir or --keep). */
  dir: string;
  workspaces: { repo: string; name: string; remoteUrl: string; workspace: string }[];
}

/** A running `pnpm stand-ins` process. */
export interface StandInsProcess {
  info: StandInsInfo;
  /** Ctrl-C it; resolves with its exit code once it has cleaned up. */
  stop(): Promise<number | null>;
}

const SCRIPT = fileURLToPath(new URL('../scripts/stand-ins.mjs', import.meta.url));

/** Start the stand-ins script (it needs the built testkit) the way an operator would, with `--json`. */
export function startStandInsScript(args: string[] = []): Promise<StandInsProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!out.includes('\n')) return;
      const info = JSON.parse(out.split('\n')[0]!) as StandInsInfo;
      resolve({ info, stop: () => (child.kill('SIGINT'), exited) });
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`stand-ins exited ${code} before it was ready: ${err}`)));
  });
}
