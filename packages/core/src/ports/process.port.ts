/** A command to run: argv (no shell), or a script for `sh -c` (only `test_commands`). */
export type ProcessCommand = { argv: string[] } | { shell: string };

/** A process invocation. */
export type ProcessRequest = ProcessCommand & {
  cwd: string;
  timeoutMs: number;
  /** Extra environment variables on top of the current environment. */
  env?: Record<string, string>;
  /**
   * True only for metawsm's own helper programs (`gh auth token`): they keep the GitHub token
   * variables. Every other command runs for the user and gets the environment without them: agent code must not get the operator's token.
   */
  trusted?: boolean;
  /** Keep at most this many bytes of stdout and of stderr (the tail). Default 64 KiB. */
  maxOutputBytes?: number;
};

/** What a process did. */
export interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Output was longer than `maxOutputBytes` and was cut. */
  truncated: boolean;
  durationMs: number;
  /** Set when the command could not be started at all (e.g. ENOENT). */
  spawnError: string | null;
}

/** The process environment: this process's identity, other processes, child processes. */
export interface ProcessPort {
  /** This process's pid. */
  readonly pid: number;
  /** This machine's host name. */
  readonly hostname: string;
  /** An environment variable of this process. */
  env(name: string): string | undefined;
  /** True when a process with `pid` exists on this host. */
  isAlive(pid: number): boolean;
  /**
   * Run a command to completion in its own process group (the whole group is killed at the
   * timeout); never throws for a non-zero exit.
   */
  run(req: ProcessRequest): Promise<ProcessResult>;
  /**
   * End the process group of every command still running (SIGTERM, then SIGKILL after a short
   * grace period), for SIGINT/SIGTERM handlers; resolves once they are gone. Returns how many.
   */
  terminateChildren(): Promise<number>;
  /** Absolute path of an executable found on PATH, or null. */
  which(command: string): Promise<string | null>;
}
