import { Command, Flags, type Interfaces } from '@oclif/core';
import { releaseHeldLocks, type ExitCode, type LoadedPolicy, type Ports } from '@metawsm/core';
import { createContext, type CliContext } from './composition-root.js';
import { styleFor, type Style } from './render/color.js';
import { reportError } from './report-error.js';
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
  color: Flags.boolean({
    description: 'Colour the output (default: only on a terminal, and not when NO_COLOR is set).',
    allowNo: true,
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
  /** Every positional argument (for commands with `strict = false`, e.g. `review ignore ITEM...`). */
  protected positional: string[] = [];
  #ctx: CliContext | null = null;

  public override async init(): Promise<void> {
    await super.init();
    const { flags, args, argv } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    }).catch((e: unknown) => {
      // Whatever the parser rejects is a usage error, including its plain CLIErrors ("expects a value").
      throw usageError(e, this.id, this.flagNames());
    });
    this.flags = flags as typeof this.flags;
    this.args = args as typeof this.args;
    this.positional = argv as string[];
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => void this.onSignal(signal));
  }

  /**
   * SIGINT/SIGTERM: end the whole process group of every command metawsm started for the user
   * (test_commands, dispatch_command), release the run locks this process holds, exit 130/143.
   */
  protected async onSignal(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
    await this.#ctx?.ports.process.terminateChildren().catch(() => 0);
    await releaseHeldLocks().catch(() => []);
    process.exit(signal === 'SIGINT' ? 130 : 143);
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

  /**
   * The policy and the ports with the store, read side by side (a policy error is reported before
   * a store error). `git: true` (a command that runs git against the store's targets) also starts
   * choosing the git engine first, so that its import and `git --version` overlap both.
   */
  protected async policyAndPorts(
    options: { git?: boolean } = {},
  ): Promise<{ ctx: CliContext; policy: LoadedPolicy; ports: Ports }> {
    const ctx = await this.context();
    if (options.git) ctx.warmGit();
    const [policy, ports] = await Promise.allSettled([ctx.policy(), this.ports()]);
    if (policy.status === 'rejected') throw policy.reason;
    if (ports.status === 'rejected') throw ports.reason;
    return { ctx, policy: policy.value, ports: ports.value };
  }

  /** Ports plus the store for reading only: outside a metawsm home this fails with HOME_NOT_FOUND, creating nothing. */
  protected async readOnlyPorts(): Promise<Ports> {
    const ctx = await this.context();
    return { ...ctx.ports, store: await ctx.readStore() };
  }

  /** Every flag this command accepts, for "did you mean" on a mistyped one. */
  private flagNames(): string[] {
    return [...Object.keys(this.ctor.flags ?? {}), ...Object.keys(baseFlags), 'json'];
  }

  /** How human output on stdout is coloured (--color / --no-color, NO_COLOR, a terminal). */
  protected get style(): Style {
    return styleFor({ flag: this.colorFlag(), env: (n) => process.env[n], isTTY: process.stdout.isTTY });
  }

  /** --color / --no-color, or undefined when neither was given (read from argv when parsing failed). */
  private colorFlag(): boolean | undefined {
    const parsed = (this.flags as { color?: boolean } | undefined)?.color;
    if (parsed !== undefined) return parsed;
    const last = this.argv.filter((a) => a === '--color' || a === '--no-color').at(-1);
    return last === undefined ? undefined : last === '--color';
  }

  /** Set the process exit code from a result (several targets: the highest any target produced). */
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
    reportError(err, {
      json: this.jsonEnabled(),
      color: this.colorFlag(),
      printJson: (value) => this.logJson(value),
    });
    return Promise.resolve(undefined);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    if (this.#ctx) await this.#ctx.close().catch(() => undefined);
    return super.finally(err);
  }
}
