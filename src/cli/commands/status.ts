import { checkTree, renderReport } from '../../loader/check-report.ts';
import { resolveSettings } from '../../loader/settings.ts';
import { flag } from '../args.ts';
import { defineCommand } from '../command.ts';
import { keepYamlFor } from '../yaml-cache.ts';
import { statusReport } from './status-report.ts';

const HELP = `statusmark status

Prints what the home page will show at the clock (STATUSMARK_NOW, else now), without building: the
page status, components that are not operational, open incidents with their page and their next-update
promise, and maintenance. Exit status 3 when a promised update is overdue, 1 on a content error.
`;

export const command = defineCommand({
  name: 'status',
  help: HELP,
  run: async ({ args, env, now, io }) => {
    const settings = resolveSettings({}, env, '');
    const root = flag(args, 'content') ?? settings.contentDir;
    keepYamlFor(io, root);
    const result = checkTree(root, settings.clock, now, settings.base);
    if (!result.content) return { output: renderReport(result, 'text'), code: 1 };
    const report = statusReport(result.content, settings.base);
    // Exit status 3 when a promised update is overdue, for a script or a reminder to act on.
    return Promise.resolve({ output: report.text, code: report.overdue > 0 ? 3 : 0 });
  },
});
