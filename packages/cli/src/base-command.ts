import { Command, Flags, type Interfaces } from '@oclif/core';
import { redactText, releaseHeldLocks, toMetawsmError, type ExitCode, type Ports } from '@metawsm/core';
import { createContext, type CliContext } from './composition-root.js';
import { usageError } from './usage-error.js';

/** Flags every command has (besides --json). */
export const baseFlags = {
  home: Flags.string({
    description:
      'Folder holding .metawsm/ (default: $METAWSM_HOME, else the nearest ancestor with .metawsm/, else the current directory).',
    helpGroup: 'GLOBAL',
  }),
  'database-url': Flags.string({
    description:
      'PostgreSQL URL (postgres://USER@HOST/DB?sslmode=...) of a team store (default: $METAWSM_DATABASE_URL, else .metawsm/metawsm.db). Prefer the variable: flags show in the process list.',
    helpGroup: 'GLOBAL',
  }),
};

/** `--run-id` / `--ticket` selection flags. */
export const selectionFlags = {
  'run-id': Flags.string({ description: 'Run to act on.', exclusive: ['ticket'] }),
  ticket: Flags.string({ description: "Select the ticket's latest run and only its targets." }),
};

/** Common behaviour: context from the composition root, --json, error → exit code mapping, lock release on signals. */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;
  static override baseFlags = baseFlags;

  protected flags!: Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
  protected args!: Interfaces.InferredArgs<T['args']>;
  #ctx: CliContext | null = null;

  public override async init(): Promise<void> {
    await super.init();
    const { flags, args } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    }).catch((e: unknown) => {
      // Whatever the parser rejects is a usage error, including its plain CLIErrors ("expects a value").
      throw usageError(e, this.id);
    });
    this.flags = flags as typeof this.flags;
    this.args = args as typeof this.args;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void releaseHeldLocks().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      });
    }
  }

  /** The wired ports, paths and policy (created once per invocation). */
  protected async context(): Promise<CliContext> {
    this.#ctx ??= await createContext({
      homeFlag: this.flags.home,
      databaseUrlFlag: this.flags['database-url'],
      cwd: process.cwd(),
    });
    return this.#ctx;
  }

  /** Ports plus the opened store. */
  protected async ports(): Promise<Ports> {
    const ctx = await this.context();
    return { ...ctx.ports, store: await ctx.store() };
  }

  /** Ports plus the store for reading only: outside a metawsm home this fails with HOME_NOT_FOUND, creating nothing. */
  protected async readOnlyPorts(): Promise<Ports> {
    const ctx = await this.context();
    return { ...ctx.ports, store: await ctx.readStore() };
  }

  /** Set the process exit code from a result (several targets: the highest, SPEC §9). */
  protected exitWith(code: ExitCode): void {
    if (code > Number(process.exitCode ?? 0)) process.exitCode = code;
  }

  /**
   * `--json` output. Off a terminal it is printed as is: oclif's colouring re-tokenizes the whole
   * text (a second or so for `status --json` over a thousand runs) only to add no colour.
   */
  public override logJson(json: unknown): void {
    if (process.stdout.isTTY) super.logJson(json);
    else process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  /** Human output only (suppressed with --json). */
  protected say(text: string): void {
    if (!this.jsonEnabled()) this.log(text);
  }

  protected override catch(err: Error & { exitCode?: number }): Promise<unknown> {
    const e = toMetawsmError(err);
    process.exitCode = e.exitCode;
    const json = {
      error: {
        code: e.code,
        message: redactText(e.message),
        ...(e.hint ? { hint: e.hint } : {}),
        ...(e.data ? { data: e.data } : {}),
      },
    };
    if (this.jsonEnabled()) this.logJson(json);
    else {
      process.stderr.write(`Error [${e.code}]: ${json.error.message}\n`);
      if (e.hint) process.stderr.write(`Hint: ${e.hint}\n`);
    }
    if (process.env.METAWSM_DEBUG === '1')
      process.stderr.write(
        `${(e.code === 'INTERNAL' ? (e.cause as Error | undefined)?.stack : e.stack) ?? ''}\n`,
      );
    else if (e.code === 'INTERNAL') process.stderr.write(`${(e.cause as Error | undefined)?.stack ?? ''}\n`);
    return Promise.resolve(undefined);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    if (this.#ctx) await this.#ctx.close().catch(() => undefined);
    return super.finally(err);
  }
}
