import { checkTree, renderReport, type CheckFormat } from '../../loader/check-report.ts';
import { resolveSettings } from '../../loader/settings.ts';
import { flag } from '../args.ts';
import { defineCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { keepYamlFor } from '../yaml-cache.ts';

const HELP = `statusmark check [--format text|json|github]

Validates every content file and lists every problem as "file:line  field  what to do".
Exit status 1 on any error. --format github prints workflow annotations for pull requests.
`;

/** `statusmark check`: runs before every build, so it loads only the loader. */
export const command = defineCommand({
  name: 'check',
  help: HELP,
  run: async ({ args, env, now, io }) => {
    const format = (flag(args, 'format') ?? 'text') as CheckFormat;
    if (!['text', 'json', 'github'].includes(format))
      throw new UsageError(`--format must be text, json or github, got "${format}"`);
    const settings = resolveSettings({}, env, '');
    const root = flag(args, 'content') ?? settings.contentDir;
    keepYamlFor(io, root);
    const result = checkTree(root, settings.clock, now);
    return Promise.resolve({ output: renderReport(result, format), code: result.content ? 0 : 1 });
  },
});
