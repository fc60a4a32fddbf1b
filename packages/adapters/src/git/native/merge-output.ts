import { MetawsmError, type Conflict, type ConflictKind, type Oid } from '@metawsm/core';

/** One `<mode> <oid> <stage>\t<path>` line of merge-tree's conflicted file info. */
interface StageEntry {
  mode: string;
  oid: Oid;
}

/** A conflicted path: its index stages (1 = merge base, 2 = ours, 3 = theirs). */
type Stages = Map<number, StageEntry>;

/** One informational message: the paths it is about and its type, e.g. `CONFLICT (modify/delete)`. */
interface MergeMessage {
  paths: string[];
  type: string;
}

/** What `git merge-tree --write-tree -z` printed. */
export interface MergeTreeOutput {
  tree: Oid;
  stages: Map<string, Stages>;
  messages: MergeMessage[];
}

/**
 * Parse `merge-tree --write-tree -z` (git >= 2.38): the tree id; then, after a conflict, one
 * `<mode> <oid> <stage>\t<path>` record per conflicted stage, an empty record, and messages as
 * `<count>\0<path>...\0<type>\0<text>\0`.
 */
export function parseMergeTree(stdout: string): MergeTreeOutput {
  const tokens = stdout.split('\0');
  const tree = tokens[0] ?? '';
  if (!/^[0-9a-f]{40}$/.test(tree))
    throw new MetawsmError('GIT_FAILED', 'git merge-tree printed no tree id', {
      hint: 'Check `git --version` (>= 2.38).',
    });
  const stages = new Map<string, Stages>();
  let i = 1;
  for (; i < tokens.length && tokens[i] !== ''; i++) {
    const m = /^(\d{6}) ([0-9a-f]{40}) ([123])\t([\s\S]*)$/.exec(tokens[i]!);
    if (!m) break;
    const byStage = stages.get(m[4]!) ?? new Map<number, StageEntry>();
    byStage.set(Number(m[3]), { mode: m[1]!, oid: m[2]! });
    stages.set(m[4]!, byStage);
  }
  const messages: MergeMessage[] = [];
  for (i++; i < tokens.length && /^\d+$/.test(tokens[i]!);) {
    const n = Number(tokens[i]);
    messages.push({ paths: tokens.slice(i + 1, i + 1 + n), type: tokens[i + 1 + n] ?? '' });
    i += n + 3;
  }
  return { tree, stages, messages };
}

const typeClass = (mode: string): string =>
  mode === '120000' ? 'link' : mode === '160000' ? 'gitlink' : mode.startsWith('04') ? 'tree' : 'file';

/** The kind a path's stages alone suggest. */
function kindFromStages(s: Stages | undefined): ConflictKind {
  const [base, ours, theirs] = [s?.get(1), s?.get(2), s?.get(3)];
  if (ours && theirs) {
    if (typeClass(ours.mode) !== typeClass(theirs.mode)) return 'type';
    if (ours.oid === theirs.oid) return 'mode';
    return base ? 'content' : 'add_add';
  }
  if (base && ours) return 'modify_delete';
  if (base && theirs) return 'delete_modify';
  return 'content';
}

/** Higher wins when several messages name one path (a file/directory clash also reads as modify/delete). */
const PRIORITY: Record<ConflictKind, number> = {
  type: 5,
  mode: 4,
  modify_delete: 3,
  delete_modify: 3,
  add_add: 2,
  content: 1,
};

/** True when the two sides' entries of a message's paths are of different kinds (file, symlink, submodule). */
function sidesDifferInType(msg: MergeMessage, stages: Map<string, Stages>): boolean {
  const classes = new Set<string>();
  for (const p of msg.paths)
    for (const [stage, e] of stages.get(p) ?? []) if (stage !== 1) classes.add(typeClass(e.mode));
  return classes.size > 1;
}

/** The kind a CONFLICT message gives its paths. */
function kindFromMessage(msg: MergeMessage, stages: Map<string, Stages>): ConflictKind {
  const staged = msg.paths.map((p) => stages.get(p)).find((s) => s !== undefined);
  if (/\(file\/directory\)/.test(msg.type)) return 'type';
  // git 2.39 labels file-vs-symlink clashes "distinct modes" (its message says "distinct types").
  if (/\(distinct (modes|types)\)/.test(msg.type)) return sidesDifferInType(msg, stages) ? 'type' : 'mode';
  if (/\((modify|rename)\/delete\)/.test(msg.type)) {
    const k = kindFromStages(staged);
    return k === 'delete_modify' ? k : 'modify_delete';
  }
  if (/\(rename\/rename\)/.test(msg.type)) return 'content';
  return kindFromStages(staged);
}

/** `path` without the `~<side>[_<n>]` suffix git gives a file it moved out of the way. */
function withoutSide(path: string, sides: readonly string[]): string {
  for (const side of sides) {
    const m = new RegExp(`~${side}(_\\d+)?$`).exec(path);
    if (m) return path.slice(0, m.index);
  }
  return path;
}

/**
 * Conflicts as SPEC's `{path, kind}` list: exactly the paths git left conflicted (as
 * `--name-only` lists them), except that a file git moved aside as `<path>~<side>` (a
 * file/directory or type clash; `sides` are the names git was given for the two sides) is
 * reported at `<path>`. Kinds come from the CONFLICT messages naming the path (else its stages);
 * `originalPath` is the other path a message names (a rename's source). Sorted by path. Sides:
 * "ours" = the base branch tip, "theirs" = the workspace.
 */
export function conflictsOf(out: MergeTreeOutput, sides: readonly string[] = []): Conflict[] {
  const kinds = new Map<string, ConflictKind>();
  const origins = new Map<string, string>();
  const raise = (path: string, kind: ConflictKind) => {
    const prev = kinds.get(path);
    if (prev === undefined || PRIORITY[kind] > PRIORITY[prev]) kinds.set(path, kind);
  };
  for (const msg of out.messages) {
    if (!msg.type.startsWith('CONFLICT')) continue;
    const kind = kindFromMessage(msg, out.stages);
    const first = msg.paths.find((p) => !out.stages.has(p)) ?? msg.paths[0];
    const source = first === undefined ? undefined : withoutSide(first, sides);
    for (const p of msg.paths) {
      if (!out.stages.has(p)) continue;
      const path = withoutSide(p, sides);
      raise(path, kind);
      if (source !== undefined && source !== path && !origins.has(path)) origins.set(path, source);
    }
  }
  for (const [p, s] of out.stages) {
    const path = withoutSide(p, sides);
    if (!kinds.has(path)) kinds.set(path, kindFromStages(s));
  }
  return [...kinds]
    .map(([path, kind]): Conflict => {
      const originalPath = origins.get(path);
      return originalPath === undefined ? { path, kind } : { path, kind, originalPath };
    })
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
