// The command classes of @oclif/plugin-autocomplete, which exports none of them: the bundle step
// resolves this specifier to the plugin's files (scripts/bundle.mjs, pinned exact version).
declare module 'metawsm:plugin-autocomplete' {
  import type { Command } from '@oclif/core';
  export const Index: Command.Class;
  export const Create: Command.Class;
  export const Script: Command.Class;
}
