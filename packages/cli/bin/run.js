#!/usr/bin/env node
import { main } from '../dist/bundle/main.js';

await main(import.meta.url);
// Octokit's keep-alive sockets must not hold the process open; stdout/stderr are synchronous
// for files and pipes on Linux, so nothing printed is lost.
process.exit(process.exitCode ?? 0);
