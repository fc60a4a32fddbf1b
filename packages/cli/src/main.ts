import { execute, settings } from '@oclif/core';

/**
 * Run the CLI. bin/run.js calls this from the bundle, which holds @oclif/core itself: one file
 * to load instead of a few hundred small modules is most of what makes start-up fast.
 */
export async function main(binUrl: string): Promise<void> {
  // Always run the compiled commands: never auto-transpile TypeScript sources, whatever NODE_ENV says.
  settings.enableAutoTranspile = false;
  await execute({ dir: binUrl });
}
