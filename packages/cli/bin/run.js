#!/usr/bin/env node
// @oclif/core's own Node version check loads semver (~20 ms) to compare Node with *its* engines,
// which say nothing about this package; npm checks ours at install. Set before the bundle loads.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
const { main } = await import('../dist/bundle/main.js');

await main(import.meta.url);
// Octokit's keep-alive sockets must not hold the process open, so exit explicitly, but only once
// stdout/stderr have drained: a pipe takes what fits synchronously and queues the rest (a large
// `status --json` would otherwise be cut off). Exit at once when nothing is queued.
const queued = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
await Promise.all(queued.map((s) => new Promise((resolve) => s.write('', resolve))));
process.exit(process.exitCode ?? 0);
