import type { ProcessPort, ProcessRequest, ProcessResult } from '../ports/process.port.js';

/** Options for {@link FakeProcess}. */
export interface FakeProcessOptions {
  /** This process's pid (default 4242); always alive unless `setAlive(pid, false)`. */
  pid?: number;
  /** Host name (default `host-a`). */
  hostname?: string;
  env?: Record<string, string>;
  /** Other pids that count as alive. */
  alivePids?: number[];
  /** Command name → absolute path, for `which`. */
  executables?: Record<string, string>;
}

/** A scripted outcome of `run`: a partial result (the rest defaults to a clean exit 0) or a function of the request. */
export type FakeRunOutcome =
  | Partial<ProcessResult>
  | ((req: ProcessRequest) => Partial<ProcessResult> | Promise<Partial<ProcessResult>>);

interface Script {
  match: (req: ProcessRequest) => boolean;
  outcome: FakeRunOutcome;
  remaining: number;
}

/** A {@link ProcessPort} with settable identity and environment and scripted `run` results. */
export class FakeProcess implements ProcessPort {
  pid: number;
  hostname: string;
  /** Every `run` request, in call order. */
  readonly calls: ProcessRequest[] = [];
  #env: Map<string, string>;
  #alive: Set<number>;
  #executables: Map<string, string>;
  #scripts: Script[] = [];

  constructor(options: FakeProcessOptions = {}) {
    this.pid = options.pid ?? 4242;
    this.hostname = options.hostname ?? 'host-a';
    this.#env = new Map(Object.entries(options.env ?? {}));
    this.#alive = new Set([this.pid, ...(options.alivePids ?? [])]);
    this.#executables = new Map(Object.entries(options.executables ?? {}));
  }

  /** An environment variable set through the options or `setEnv`. */
  env(name: string): string | undefined {
    return this.#env.get(name);
  }

  /** Set (or with `undefined`, unset) an environment variable. */
  setEnv(name: string, value: string | undefined): void {
    if (value === undefined) this.#env.delete(name);
    else this.#env.set(name, value);
  }

  /** True for this pid and pids marked alive. */
  isAlive(pid: number): boolean {
    return this.#alive.has(pid);
  }

  /** Mark a pid alive or dead. */
  setAlive(pid: number, alive: boolean): void {
    if (alive) this.#alive.add(pid);
    else this.#alive.delete(pid);
  }

  /**
   * Script the outcome of matching `run` calls. The most recently added matching script wins;
   * `times` limits how often it applies (default: always). Unscripted calls exit 0 with no output.
   */
  script(
    outcome: FakeRunOutcome,
    options: { match?: (req: ProcessRequest) => boolean; times?: number } = {},
  ): void {
    this.#scripts.unshift({
      match: options.match ?? (() => true),
      outcome,
      remaining: options.times ?? Number.POSITIVE_INFINITY,
    });
  }

  /** Record the request and answer with the matching script. */
  async run(req: ProcessRequest): Promise<ProcessResult> {
    this.calls.push(req);
    const script = this.#scripts.find((s) => s.remaining > 0 && s.match(req));
    if (script === undefined) return result({});
    script.remaining -= 1;
    const partial = typeof script.outcome === 'function' ? await script.outcome(req) : script.outcome;
    return result(partial);
  }

  /** How often {@link FakeProcess.terminateChildren} was called. */
  terminations = 0;

  /** Counts the call; fake runs never outlive their `run` call, so there is nothing to end. */
  terminateChildren(): Promise<number> {
    this.terminations++;
    return Promise.resolve(0);
  }

  /** The path given in `executables`, or null. */
  which(command: string): Promise<string | null> {
    return Promise.resolve(this.#executables.get(command) ?? null);
  }
}

function result(partial: Partial<ProcessResult>): ProcessResult {
  return {
    exitCode: 0,
    signal: null,
    stdout: '',
    stderr: '',
    timedOut: false,
    truncated: false,
    durationMs: 0,
    spawnError: null,
    ...partial,
  };
}
