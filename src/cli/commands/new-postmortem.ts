import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdownFile } from '../../loader/front-matter.ts';
import { createIncidentSchema } from '../../schemas/incident.ts';
import type { ParsedArgs } from '../args.ts';
import { defineCommand } from '../command.ts';
import { type CommandContext, commandContext, incidentIdArgument } from '../context.ts';
import { CommandError, findEntry, writeValidated } from '../files.ts';

const HELP = `statusmark new postmortem <incident-id>

Writes content/postmortems/<incident-id>.md as a draft, prefilled from the incident (title,
components, timeline from its updates), with every section present and a comment on what it needs.
Remove "draft: true" and set "published" when it is ready.

  --at TIME   write as of this time instead of now
`;

export const command = defineCommand({
  name: 'new postmortem',
  help: HELP,
  run: async ({ args, env, now, io }) => newPostmortem(args, commandContext(args, env, now, io)),
});

const q = (text: string) => JSON.stringify(text);

export async function newPostmortem(args: ParsedArgs, ctx: CommandContext): Promise<string> {
  const id = await incidentIdArgument(args, ctx);
  const incidentPath = findEntry(ctx.root, 'incidents', id, ctx.tree);
  const path = join(ctx.folder('postmortems'), `${id}.md`);
  if (existsSync(path)) throw new CommandError(`${path} already exists; edit it instead`);
  const text = draftText(ctx, id, incidentFacts(ctx, id, incidentPath));
  writeValidated(ctx.root, [{ path, text }], ctx);
  return `Wrote ${path} (a draft). Fill in each TODO, remove "draft: true", set "published", and run npm run check.`;
}

interface IncidentFacts {
  title: string;
  /** The affected components' names. */
  components: string[];
  /** The public timeline so far, one Markdown list item per update. */
  timeline: string[];
}

/** What the draft is prefilled with, read from the incident's file. */
function incidentFacts(ctx: CommandContext, id: string, incidentPath: string): IncidentFacts {
  const parsed = parseMarkdownFile(readFileSync(incidentPath, 'utf8'));
  const raw = (parsed.data ?? {}) as { title?: string; severity?: unknown; components?: { id: string }[] };
  // `check` validates the incident; here the schema only turns its times into numbers for the template.
  const schema = createIncidentSchema({
    now: ctx.now,
    componentIds: new Set(ctx.componentNames.keys()),
    severityIds: new Set([String(raw.severity)]),
  });
  const result = schema.safeParse(parsed.data);
  const incident = result.success ? result.data : undefined;
  const title = incident?.title ?? raw.title ?? id;
  const components = [
    ...new Set(
      (incident?.components ?? raw.components ?? []).map((c) => ctx.componentNames.get(c.id) ?? c.id),
    ),
  ];
  const timeline = (incident?.updates ?? []).map(
    (u) => `- ${ctx.iso(u.at)} — ${u.status}: ${u.message.replace(/\s+/g, ' ')}`,
  );
  return { title, components, timeline };
}

/** The draft postmortem: every section present, each with a comment on what it needs. */
function draftText(ctx: CommandContext, id: string, { title, components, timeline }: IncidentFacts): string {
  return `---
# Postmortem for "${title}". Blameless: describe systems and conditions, not people's mistakes.
# Field reference: node_modules/statusmark/docs/authoring.md, "Postmortems". Run npm run check after every edit.
incident: ${id}
title: ${q(`Postmortem: ${title}`)}
draft: true                # remove when ready, and set published:
# published: ${ctx.iso(ctx.now)}
authors: []                # e.g. [Dana Scott, Lee Park]

# One paragraph in plain language: what happened, to whom (${components.join(', ') || 'which services'}), for how long.
summary: ${q(`TODO: what customers of ${components.join(', ') || 'our services'} saw, from when to when, and what fixed it.`)}

impact:
  description: ${q('TODO: who was affected and how much (share of requests failing, delays, regions).')}
  # data_loss: true or false. Always answer it before publishing; there is no default.

# The event that set it off (a deploy, a config change, a traffic spike …).
trigger: ${q('TODO')}

# The conditions that let the trigger cause harm. At least one.
root_causes:
  - ${q('TODO')}

# Fishbone categories: people, process, tools, environment, materials, measurement. For example:
#   - category: process
#     description: Config changes skip the staged rollout that code changes get.
contributing_factors: []

# Ask "why?" from the symptom down to a cause the team can change.
five_whys:
  - ${q('Why did customers see errors? TODO')}

# The Swiss-cheese layers between the trigger and customers, and whether each held. For example:
#   - layer: Code review
#     held: false
#     note: The change looked like a routine config bump.
defenses: []

lessons:
  went_well: []
  went_wrong: []
  got_lucky: []

# What changes, with a named owner (a person or a team) and a due date. At least one.
# type: prevent | detect | mitigate | process | investigate; status: open | in_progress | done | wont_do
action_items:
  - title: ${q('TODO')}
    owner: ${q('TODO: a person or team')}
    type: prevent
    priority: P2
    status: open
    due: ${new Date(ctx.now + 30 * 86_400_000).toISOString().slice(0, 10)}
---

## What happened

TODO: the narrative. The public timeline so far, from the incident's updates:

${timeline.join('\n') || '- (no updates)'}

## How we responded

TODO
`;
}
