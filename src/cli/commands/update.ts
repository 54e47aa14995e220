import { isSeq } from 'yaml';
import { flag, parseInterval, UsageError, type ParsedArgs } from '../args.ts';
import type { CommandContext } from '../context.ts';
import { findEntry, readEditable, renderEditable, setField, writeValidated } from '../files.ts';
import { required, requiredPositional } from '../prompt.ts';

export async function update(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await requiredPositional(args, 0, 'incident-id', 'Incident id', '2026-11-20-api-errors');
  const status = await required(args, 'status', 'New status', 'identified');
  if (status === 'resolved')
    throw new UsageError(
      'to resolve an incident use "statusmark resolve <id>", which also sets mitigated and resolved',
    );
  const message = await required(
    args,
    'message',
    'Message for readers',
    '"We found the cause and are rolling back."',
  );
  const path = findEntry(ctx.root, 'incidents', id);
  const file = readEditable(path);
  appendUpdate(
    file.doc.get('updates'),
    {
      at: ctx.iso(ctx.now),
      status,
      message,
      ...(flag(args, 'next') ? { next_update: ctx.iso(ctx.now + parseInterval(flag(args, 'next')!)) } : {}),
    },
    file.doc,
  );
  if (status === 'identified' && !file.doc.has('identified'))
    setField(file.doc, 'identified', ctx.iso(ctx.now));
  if (args.flags.has('mitigated') && !file.doc.has('mitigated'))
    setField(file.doc, 'mitigated', ctx.iso(ctx.now));
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  return `Added a "${status}" update to ${path}.`;
}

/** Appends to the `updates` list in the document, keeping its style. */
export function appendUpdate(
  updates: unknown,
  update: Record<string, string>,
  doc: { createNode: (v: unknown) => unknown; set: (k: string, v: unknown) => void },
): void {
  if (isSeq(updates)) updates.add(doc.createNode(update));
  else doc.set('updates', [update]);
}
