import { existsSync } from 'node:fs';
import { NO_POSTGRES_HELP, pgQuery, startPgCluster } from '../src/index.js';

// The throwaway PostgreSQL cluster the store suites run on.

it('without server binaries it fails, saying how to install them (the suites never skip)', async () => {
  await expect(startPgCluster({ binDir: '/nonexistent/postgresql/bin' })).rejects.toThrow(NO_POSTGRES_HELP);
  expect(NO_POSTGRES_HELP).toContain('apt-get install -y postgresql-15');
  expect(NO_POSTGRES_HELP).toContain('METAWSM_TEST_DATABASE_URL');
});

it('starts on a free port with password auth over TCP, survives a restart, and is gone after stop', async () => {
  const cluster = await startPgCluster();
  try {
    expect(await pgQuery(cluster.adminUrl, 'select 1 as one')).toEqual([{ one: 1 }]);
    await expect(
      pgQuery(cluster.adminUrl.replace(cluster.password, 'wrong'), 'select 1'),
    ).rejects.toMatchObject({
      code: '28P01',
    });
    await cluster.restart();
    expect(await pgQuery(cluster.adminUrl, "select current_setting('listen_addresses') as a")).toEqual([
      { a: '127.0.0.1' },
    ]);
  } finally {
    await cluster.stop();
  }
  expect(existsSync(cluster.socketDir)).toBe(false);
  await expect(pgQuery(cluster.adminUrl, 'select 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});
