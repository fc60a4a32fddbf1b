import type { Command } from '@oclif/core';
import { commands } from '@oclif/plugin-help';

/** `metawsm help [COMMAND]`: @oclif/plugin-help's command, bundled rather than loaded as a plugin. */
const help: Command.Class = commands.help;
export default help;
