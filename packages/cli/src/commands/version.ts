import { BaseCommand } from '../base-command.js';

export default class Version extends BaseCommand<typeof Version> {
  static override summary = 'Show the versions of metawsm and Node.js, and the platform.';
  static override description = 'The same line as `metawsm --version` / `-v`; --json gives each part.';
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json'];

  run() {
    const c = this.config;
    this.say(c.userAgent);
    return Promise.resolve({
      name: c.name,
      version: c.version,
      node: process.versions.node,
      platform: c.platform,
      arch: c.arch,
      userAgent: c.userAgent,
    });
  }
}
