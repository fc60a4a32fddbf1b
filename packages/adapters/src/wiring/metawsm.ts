import {
  authCheck,
  commitRun,
  createRun,
  initPolicy,
  prRun,
  reviewIgnore,
  reviewList,
  reviewSync,
  setRunStatus,
  statusReport,
  type AuthCheckResult,
  type CommitInput,
  type CommitResult,
  type CreateRunInput,
  type HomePaths,
  type LoadedPolicy,
  type Ports,
  type PrInput,
  type PrResult,
  type FeedbackStatus,
  type ReviewSyncInput,
  type ReviewSyncResult,
  type Run,
  type RunStatus,
  type SelectionInput,
} from '@metawsm/core';
import { createWiring, type Wiring, type WiringOptions } from './wiring.js';

/** Options of {@link createMetawsm}: the same as the CLI's (`home`, `databaseUrl`, …), plus ports to replace. */
export type MetawsmOptions = WiringOptions;

/** `commit` as a library call: the selection and the CLI's flags, every flag optional. */
export type CommitOptions = SelectionInput & Partial<Omit<CommitInput, 'selection'>>;

/** `pr` as a library call: the selection and the CLI's flags, every flag optional. */
export type PrOptions = SelectionInput & Partial<Omit<PrInput, 'selection'>>;

/** `review sync` as a library call: the selection and the CLI's flags, every flag optional. */
export type ReviewSyncOptions = SelectionInput & Partial<Omit<ReviewSyncInput, 'selection'>>;

/** `run create` as a library call (`cwd` defaults to the one metawsm was created with). */
export type CreateRunOptions = Omit<CreateRunInput, 'cwd'> & { cwd?: string | undefined };

/** The `status` report. */
export type StatusResult = Awaited<ReturnType<typeof statusReport>>;

/** metawsm's use cases, wired to real adapters (or to the ports given). */
export interface Metawsm {
  /** The home (the folder holding `.metawsm/`) and its files. */
  readonly paths: HomePaths;
  /** The policy in force (read anew on every call). */
  policy(): Promise<LoadedPolicy>;
  /** Write the default policy file (`metawsm policy init`). */
  initPolicy(options?: {
    force?: boolean;
    schemaUrl?: string;
  }): Promise<LoadedPolicy & { overwritten: boolean }>;
  /** Register a run (`metawsm run create`). */
  createRun(input: CreateRunOptions): Promise<Run>;
  /** Runs, newest first (`metawsm run list`). */
  listRuns(filter?: { status?: RunStatus; ticket?: string }): Promise<Run[]>;
  /** Mark a run completed or closed (`metawsm run complete` / `run close`). */
  setRunStatus(runId: string, status: 'completed' | 'closed', actor?: string): Promise<Run>;
  /** Promote the workspaces onto their base branches (`metawsm commit`). */
  commit(options?: CommitOptions): Promise<CommitResult>;
  /** Push and open or update the pull requests (`metawsm pr`). */
  pr(options?: PrOptions): Promise<PrResult>;
  /** Bring review comments and failing CI back as feedback; `dispatch: true` hands them to the agent (`metawsm review sync`). */
  reviewSync(options?: ReviewSyncOptions): Promise<ReviewSyncResult>;
  /** Feedback items of the selected run (`metawsm review list`); reads only. */
  reviewList(options?: SelectionInput & { status?: FeedbackStatus[] }): ReturnType<typeof reviewList>;
  /** Mark feedback items ignored (`metawsm review ignore`). */
  reviewIgnore(
    items: string[],
    options?: SelectionInput & { reason?: string; actor?: string },
  ): ReturnType<typeof reviewIgnore>;
  /** What exists and the next step per target (`metawsm status`); reads only. */
  status(selection?: SelectionInput): Promise<StatusResult>;
  /** Token, permissions and identity per target (`metawsm auth check`); reads only. */
  authCheck(selection?: SelectionInput): Promise<AuthCheckResult>;
  /** Every port, with the store opened. */
  ports(): Promise<Ports>;
  /** Close the store. Call it when done. */
  close(): Promise<void>;
}

const selectionOf = (o: SelectionInput): SelectionInput => ({
  runId: o.runId,
  ticket: o.ticket,
  repos: o.repos,
});

/**
 * metawsm as a library: `createMetawsm({ home })` wires the real adapters the way the CLI does
 * (the same composition root, {@link createWiring}) and returns the use cases. Pass `token` to
 * use a GitHub token given in code, `ports` to replace any adapter (the fakes of
 * `@metawsm/core/testing` make it run in memory).
 */
export async function createMetawsm(options: MetawsmOptions = {}): Promise<Metawsm> {
  return metawsmOf(await createWiring(options));
}

/** The use cases over a wiring. */
function metawsmOf(w: Wiring): Metawsm {
  const ports = async (): Promise<Ports> => ({ ...w.ports, store: await w.store() });
  const readPorts = async (): Promise<Ports> => ({ ...w.ports, store: await w.readStore() });
  return {
    paths: w.paths,
    policy: () => w.policy(),
    initPolicy: (o = {}) =>
      initPolicy(w.ports.files, {
        policyFile: w.paths.policyFile,
        force: o.force ?? false,
        schemaUrl: o.schemaUrl,
      }),
    createRun: async (input) =>
      createRun(await ports(), { ...input, cwd: input.cwd ?? w.cwd }, (await w.policy()).policy.git_pr),
    listRuns: async (filter = {}) => (await w.readStore()).listRuns(filter),
    setRunStatus: async (runId, status, actor) => setRunStatus(await ports(), { runId, status, actor }),
    commit: async (o = {}) =>
      commitRun({ ...(await ports()), checks: w.checks }, await w.policy(), {
        ...o,
        selection: selectionOf(o),
        dryRun: o.dryRun ?? false,
        force: o.force ?? false,
        switch: o.switch ?? false,
        allowRunning: o.allowRunning ?? false,
      }),
    pr: async (o = {}) =>
      prRun({ ...(await ports()), checks: w.checks }, await w.policy(), {
        ...o,
        selection: selectionOf(o),
        dryRun: o.dryRun ?? false,
        allowRunning: o.allowRunning ?? false,
      }),
    reviewSync: async (o = {}) =>
      reviewSync(await ports(), await w.policy(), {
        ...o,
        selection: selectionOf(o),
        dispatch: o.dispatch ?? false,
      }),
    reviewList: async (o = {}) =>
      reviewList(await w.readStore(), { selection: selectionOf(o), status: o.status }),
    reviewIgnore: async (items, o = {}) =>
      reviewIgnore(await ports(), { selection: selectionOf(o), items, reason: o.reason, actor: o.actor }),
    status: async (selection = {}) => statusReport(await w.readStore(), selection, { git: w.ports.git }),
    authCheck: async (selection = {}) => authCheck(await readPorts(), await w.policy(), selection, w.cwd),
    ports,
    close: () => w.close(),
  };
}
