import { Flags } from '@oclif/core';
import { parseStoreArgument } from '@metawsm/core';
import { BaseCommand } from '../../base-command.js';
import { table } from '../../render/text.js';

export default class StoreCopy extends BaseCommand<typeof StoreCopy> {
  static override summary =
    'Copy all metawsm state into another store (SQLite file or PostgreSQL), e.g. to move a team onto PostgreSQL.';
  static override description =
    'Copies every run, target, pull-request record, review feedback item and event in one transaction on the destination; run locks are not copied. The source is the current store (--database-url, METAWSM_DATABASE_URL, else .metawsm/metawsm.db) unless --from names one. The destination must be empty unless --merge, which adds the runs it does not have yet (with their rows and events) and leaves the others as they are.';
  static override examples = [
    '<%= config.bin %> store copy --from .metawsm/metawsm.db --to "$METAWSM_DATABASE_URL"',
    '<%= config.bin %> store copy --from postgres://metawsm@db.internal/metawsm --to ./backup.db',
    '<%= config.bin %> store copy --from ../old-home/.metawsm/metawsm.db --to postgres://metawsm@db.internal/metawsm --merge --json',
  ];
  static override flags = {
    to: Flags.string({
      description: 'Destination: a postgres:// URL or a SQLite file path (created if missing).',
      required: true,
    }),
    from: Flags.string({
      description: 'Source: a postgres:// URL or an existing SQLite file (default: the current store).',
    }),
    merge: Flags.boolean({
      default: false,
      description: 'Copy into a store that already has data: add what it lacks, keep what it has.',
    }),
  };

  async run() {
    const ctx = await this.context();
    const from =
      this.flags.from === undefined
        ? ctx.storeLocation()
        : parseStoreArgument(this.flags.from, '--from', ctx.cwd);
    const to = parseStoreArgument(this.flags.to, '--to', ctx.cwd);
    const { copyStore } = await import('@metawsm/adapters/store');
    const report = await copyStore({ from, to, merge: this.flags.merge });
    this.say(`copied ${report.from.kind} ${report.from.location} -> ${report.to.kind} ${report.to.location}`);
    this.say(
      table([
        ['TABLE', 'COPIED', 'SKIPPED'],
        ...report.tables.map((t) => [t.table, String(t.copied), String(t.skipped)]),
      ]),
    );
    if (report.locksNotCopied > 0)
      this.say(`${report.locksNotCopied} run lock(s) not copied (locks belong to running processes).`);
    return report;
  }
}
