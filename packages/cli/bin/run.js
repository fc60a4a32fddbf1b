#!/usr/bin/env node
import { execute, settings } from '@oclif/core';

// Always run the compiled commands: never auto-transpile TypeScript sources, whatever NODE_ENV says.
settings.enableAutoTranspile = false;
await execute({ dir: import.meta.url });
// Octokit's keep-alive sockets must not hold the process open; stdout/stderr are synchronous
// for files and pipes on Linux, so nothing printed is lost.
process.exit(process.exitCode ?? 0);
