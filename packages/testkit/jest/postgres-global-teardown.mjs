// jest globalTeardown: stops the shared PostgreSQL test cluster if a suite started one.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export default function teardown() {
  const stateDir = process.env.METAWSM_TEST_PG_STATE;
  if (!stateDir) return;
  const stateFile = join(stateDir, 'server.json');
  if (existsSync(stateFile)) {
    const { handle } = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (handle) {
      const pgCtl = [join(handle.bin, 'pg_ctl'), '-D', handle.data, '-m', 'immediate', '-w', 'stop'];
      try {
        if (handle.asUser)
          execFileSync('runuser', ['-u', handle.asUser, '--', ...pgCtl], { stdio: 'ignore' });
        else execFileSync(pgCtl[0], pgCtl.slice(1), { stdio: 'ignore' });
      } catch {
        // already stopped
      }
      rmSync(handle.dir, { recursive: true, force: true });
    }
  }
  rmSync(stateDir, { recursive: true, force: true });
}
