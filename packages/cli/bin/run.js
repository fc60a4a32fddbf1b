#!/usr/bin/env node
import { main } from '../dist/bundle/main.js';

await main(import.meta.url);
// Octokit's keep-alive sockets must not hold the process open, so exit explicitly, but only once
// stdout/stderr have drained: a pipe takes what fits synchronously and queues the rest (a large
// `status --json` would otherwise be cut off). Exit at once when nothing is queued.
const queued = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
await Promise.all(queued.map((s) => new Promise((resolve) => s.write('', resolve))));
process.exit(process.exitCode ?? 0);
