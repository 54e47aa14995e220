import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseArgs, parseInterval, UsageError } from '../../src/cli/args.ts';
import { parseTime } from '../../src/cli/context.ts';
import { appendToList, CommandError, readEditable, renderEditable } from '../../src/cli/files.ts';
import { parseMarkdownFile } from '../../src/loader/front-matter.ts';
import { tempDir } from '../helpers/temp.ts';
import { FUZZ, FUZZ_TIMEOUT } from './settings.ts';
import { hostileText } from './strings.ts';

const SOURCE = 'test/fixtures/site/incidents/2026-11-22-elevated-api-errors.md';

describe('command-line fuzz', () => {
  test(
    'an update with any message reads back exactly, keeps every old line, or is refused with a message',
    () => {
      const path = join(tempDir('fuzz-cli'), 'incident.md');
      const original = readFileSync(SOURCE, 'utf8');
      fc.assert(
        fc.property(hostileText, fc.boolean(), (message, crlf) => {
          const before = crlf ? original.replaceAll('\n', '\r\n') : original;
          writeFileSync(path, before);
          const file = readEditable(path);
          appendToList(file, 'updates', { at: '2026-11-23T01:20:00Z', status: 'monitoring', message });
          let after: string;
          try {
            after = renderEditable(file);
          } catch (error) {
            expect(error).toBeInstanceOf(CommandError);
            return;
          }
          const data = parseMarkdownFile(after).data as { updates: { message: string }[] };
          expect(data.updates.at(-1)?.message).toBe(message);
          // Nothing the author wrote moved or changed: the old text is the new one minus an insertion.
          const at = [...before].findIndex((char, i) => char !== after[i]);
          const inserted = after.length - before.length;
          expect(after.slice(0, at) + after.slice(at + inserted)).toBe(before);
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'arguments, intervals and times: a value or a usage error, never a crash',
    () => {
      fc.assert(
        fc.property(fc.array(hostileText, { maxLength: 6 }), hostileText, (argv, value) => {
          try {
            parseArgs(argv.map((a, i) => (i % 2 === 0 ? `--${a}` : a)));
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
          }
          for (const parse of [() => parseInterval(value), () => parseTime(value, '--at')]) {
            try {
              const result = parse();
              expect(Number.isFinite(result)).toBe(true);
            } catch (error) {
              expect(error).toBeInstanceOf(UsageError);
            }
          }
        }),
        FUZZ,
      );
    },
    FUZZ_TIMEOUT,
  );
});
