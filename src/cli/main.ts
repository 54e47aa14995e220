import { checkTree, renderReport, type CheckFormat } from './check.ts';

const HELP = `statusmark — build a status page and postmortem archive from Markdown

Usage:
  statusmark check [--content DIR] [--format text|json|github]
      Validate every content file; exit 1 on any error.

Options:
  --content DIR   content folder (default: $STATUSMARK_CONTENT or "content")
  --help          show this help
`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function main(argv: string[]): number {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || args.includes('--help')) {
    process.stdout.write(HELP);
    return command ? 0 : 1;
  }
  const contentDir = option(args, '--content') ?? process.env.STATUSMARK_CONTENT ?? 'content';
  if (command === 'check') {
    const format = (option(args, '--format') ?? 'text') as CheckFormat;
    if (!['text', 'json', 'github'].includes(format)) {
      process.stderr.write(`--format must be text, json or github, got "${format}"\n`);
      return 2;
    }
    const result = checkTree(contentDir, process.env, Date.now());
    process.stdout.write(`${renderReport(result, format)}\n`);
    return result.content ? 0 : 1;
  }
  process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
