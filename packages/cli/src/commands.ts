import type { Command } from '@oclif/core';
import { commands as helpCommands } from '@oclif/plugin-help';
import AuthCheck from './commands/auth/check.js';
import AutocompleteFish from './commands/autocomplete/fish.js';
import { AutocompleteCreate, AutocompleteIndex, AutocompleteScript } from './commands/autocomplete/plugin.js';
import Commit from './commands/commit.js';
import PolicyInit from './commands/policy/init.js';
import PolicyShow from './commands/policy/show.js';
import PolicyValidate from './commands/policy/validate.js';
import Operator from './commands/operator.js';
import Pr from './commands/pr.js';
import ReviewIgnore from './commands/review/ignore.js';
import ReviewList from './commands/review/list.js';
import ReviewSync from './commands/review/sync.js';
import RunClose from './commands/run/close.js';
import RunComplete from './commands/run/complete.js';
import RunCreate from './commands/run/create.js';
import RunList from './commands/run/list.js';
import Status from './commands/status.js';
import StoreCopy from './commands/store/copy.js';
import Version from './commands/version.js';

export { commandNotFound } from './hooks/command-not-found.js';

/**
 * Every command, by oclif id (explicit strategy: no directory scan at start-up). `help` comes
 * from @oclif/plugin-help and `autocomplete` from @oclif/plugin-autocomplete, bundled here rather
 * than loaded as plugins at every start.
 */
export const COMMANDS: Record<string, Command.Class> = {
  help: helpCommands.help,
  'auth:check': AuthCheck,
  autocomplete: AutocompleteIndex,
  'autocomplete:create': AutocompleteCreate,
  'autocomplete:fish': AutocompleteFish,
  'autocomplete:script': AutocompleteScript,
  commit: Commit,
  'policy:init': PolicyInit,
  'policy:show': PolicyShow,
  'policy:validate': PolicyValidate,
  operator: Operator,
  pr: Pr,
  'review:ignore': ReviewIgnore,
  'review:list': ReviewList,
  'review:sync': ReviewSync,
  'run:close': RunClose,
  'run:complete': RunComplete,
  'run:create': RunCreate,
  'run:list': RunList,
  status: Status,
  'store:copy': StoreCopy,
  version: Version,
};
