import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, stringify } from 'yaml';
import { investigatingMessage } from '../../domain/default-messages.ts';
import { readAlertPayload, AlertPayloadError, type AlertGroup } from '../../ingest/alert-payload.ts';
import { planDraft, type AlertState, type DraftPlan, type KnownIncident } from '../../ingest/draft-plan.ts';
import { alertField, draftIncident } from '../../ingest/draft-incident.ts';
import { proposeDraft, type Proposal } from '../../ingest/rule-match.ts';
import { parseMarkdownFile } from '../../loader/front-matter.ts';
import { readContentTree } from '../../loader/read-tree.ts';
import { parseZonedTime } from '../../schemas/common.ts';
import type { AlertRule } from '../../schemas/alert.ts';
import { siteSchema } from '../../schemas/site.ts';
import { UsageError } from '../args.ts';
import { defineCommand } from '../command.ts';
import { commandContext, contentTime, type CommandContext } from '../context.ts';
import { entryId } from '../entry-id.ts';
import { CommandError, readEditable, renderEditable, uniquePath, writeValidated } from '../files.ts';
import { fillContext } from '../template-input.ts';

const HELP = `statusmark ingest <file|->

Reads an alert payload (a file, or - for standard input) and proposes a draft incident: Prometheus
Alertmanager (webhook version 4), Grafana alerting (webhook contact point), Uptime Kuma, Gatus, or
the generic JSON of docs/alerts.md; a repository_dispatch body ({"client_payload": …}) is read too.
It says which source it recognised. The rules under "alerts:" in content/site.yaml pick the
components, impact, severity and template; an alert no rule matches is reported and ignored.

A draft (draft: true) appears nowhere until "statusmark publish <id>". The same alert group
updates its draft; a resolved group records its end there; a published incident is never changed.

  --github   inside the "Status alerts" workflow: read the repository_dispatch event, commit the
             draft to BRANCH and open or update its Incident issue
  --at TIME  read the payload as of this time instead of now
`;

export const command = defineCommand({
  name: 'ingest',
  help: HELP,
  switches: ['github'],
  run: async ({ args, env, now, io }) => {
    if (args.flags.has('github')) return (await import('./ingest-github.ts')).ingestFromGitHub(args, env, io);
    const source = args.positionals[0];
    if (!source) throw new UsageError('name the payload file, or - to read it from standard input');
    const ctx = commandContext(args, env, now, io);
    return ingestPayload(readPayload(source), ctx).lines.join('\n');
  },
});

/** An alert payload is a few kilobytes (Alertmanager's max_alerts keeps it so); more is a wrong file. */
const MAX_PAYLOAD_BYTES = 1_000_000;

/** The payload's JSON, from a file or standard input, read no further than MAX_PAYLOAD_BYTES. */
function readPayload(source: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readAtMost(source === '-' ? 0 : openSync(source, 'r'), MAX_PAYLOAD_BYTES + 1);
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (bytes.length > MAX_PAYLOAD_BYTES)
    throw new CommandError(`${source} is larger than ${MAX_PAYLOAD_BYTES} bytes: it is not an alert payload`);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    // Where, not what: that message quotes the text, which may hold what must not be printed.
    const message = (error as Error).message;
    const said = message.startsWith('Unexpected token') ? 'an unexpected character' : message;
    throw new CommandError(`${source} is not JSON (${said}); send the alert tool's webhook body as it is`);
  }
}

/** Up to `limit` bytes of a file descriptor, which it closes (standard input stays open). */
function readAtMost(fd: number, limit: number): Buffer {
  const buffer = Buffer.alloc(limit);
  let size = 0;
  try {
    while (size < limit) {
      const n = readSync(fd, buffer, size, limit - size, null);
      if (n === 0) break;
      size += n;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return buffer.subarray(0, size);
}

export interface Ingested {
  lines: string[];
  group?: AlertGroup;
  plan?: DraftPlan;
  /** The draft written or updated. */
  written?: { id: string; path: string; title: string; alert: AlertState; note?: string };
}

/** What the workflow adds: an issue opened for a new draft, whose number the draft keeps. */
export interface IngestHooks {
  openIssue?: (draft: {
    id: string;
    title: string;
    frontMatter: Record<string, unknown>;
  }) => number | undefined;
}

/** The site's rules and severities, and every incident's alert record, drafts included. */
function readSite(ctx: CommandContext): {
  rules: AlertRule[];
  severities: string[];
  incidents: KnownIncident[];
} {
  const tree = readContentTree(ctx.root);
  // site.yaml alone: the draft itself is checked with the whole content when it is written.
  const parsed = siteSchema.safeParse(tree.site ? parse(tree.site.text) : undefined);
  if (!parsed.success)
    throw new CommandError(
      'content/site.yaml has errors, so no draft can be written; run "statusmark check" and fix them',
    );
  const time = (value: unknown) => (typeof value === 'string' ? parseZonedTime(value) : undefined);
  const incidents = tree.incidents.map((file): KnownIncident => {
    const data = (parseMarkdownFile(file.text).data ?? {}) as Record<string, unknown>;
    const alert = data.alert as Record<string, unknown> | undefined;
    return {
      id: basename(file.file, '.md'),
      draft: data.draft === true,
      resolved: time(data.resolved),
      alert:
        alert && typeof alert.group === 'string'
          ? {
              source: alert.source as AlertState['source'],
              group: alert.group,
              fingerprints: Array.isArray(alert.fingerprints) ? alert.fingerprints.map(String) : [],
              first_seen: time(alert.first_seen) ?? 0,
              last_seen: time(alert.last_seen) ?? 0,
              resolved_at: time(alert.resolved_at),
              issue: typeof alert.issue === 'number' ? alert.issue : undefined,
            }
          : undefined,
    };
  });
  const site = parsed.data;
  return { rules: site.alerts, severities: site.severities.map((s) => s.id), incidents };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "2 alerts (1 firing, 1 resolved)". */
function countLine(group: AlertGroup): string {
  const firing = group.alerts.filter((a) => a.status === 'firing').length;
  const n = group.alerts.length;
  const truncated = group.truncated > 0 ? `; ${group.truncated} more left out by the sender` : '';
  return `${n} alert${n === 1 ? '' : 's'} (${firing} firing, ${n - firing} resolved${truncated})`;
}

function unmatchedLines(proposal: { unmatched: Proposal['unmatched'] }): string[] {
  return proposal.unmatched.map(
    (alert) =>
      `No rule under "alerts:" in site.yaml matches ${JSON.stringify(alert.labels)}; that alert is ignored.`,
  );
}

export function ingestPayload(raw: unknown, ctx: CommandContext, hooks: IngestHooks = {}): Ingested {
  let group: AlertGroup;
  try {
    group = readAlertPayload(raw, ctx.now);
  } catch (error) {
    if (error instanceof AlertPayloadError)
      throw new CommandError(`Not an alert payload statusmark can read: ${error.message}`);
    throw error;
  }
  const lines = [`Recognised ${group.described}: group ${group.group}, ${countLine(group)}.`];
  if (group.ignored) return { lines: [...lines, `${capitalised(group.ignored)}: nothing to do.`], group };
  const site = readSite(ctx);
  const proposal = proposeDraft(group, site.rules, site.severities);
  lines.push(...unmatchedLines(proposal));
  if (proposal.matched.length === 0) return { lines: [...lines, 'Nothing was written.'], group };
  const matched = proposal as Proposal;
  const plan = planDraft(group, matched, site.incidents, ctx.now);
  if (plan.kind === 'nothing') return { lines: [...lines, `Nothing to do: ${plan.reason}.`], group, plan };
  if (plan.kind === 'propose-resolution') {
    const at = contentTime(plan.at);
    lines.push(
      `${plan.id} is published and still open; its alerts resolved at ${at}. Nothing public was changed: to resolve it, run "statusmark resolve ${plan.id} --mitigated ${at}"${plan.issue ? ` or comment /resolve on issue #${plan.issue}` : ''}.`,
    );
    return { lines, group, plan };
  }
  const written =
    plan.kind === 'create' ? createDraft(ctx, matched, plan.alert, hooks) : updateDraft(ctx, plan);
  const verb =
    plan.kind === 'create'
      ? `Wrote the draft incident ${written.path}`
      : `Updated the draft ${written.path} (the alert group ${plan.change})`;
  lines.push(`${verb}. It appears nowhere until a person publishes it: statusmark publish ${written.id}`);
  if (written.note) lines.push(written.note);
  return { lines, group, plan, written };
}

function createDraft(
  ctx: CommandContext,
  proposal: Proposal,
  alert: AlertState,
  hooks: IngestHooks,
): NonNullable<Ingested['written']> {
  const template = proposal.template ? ctx.templates.find((t) => t.id === proposal.template) : undefined;
  if (proposal.template && !template)
    throw new CommandError(
      `the template "${proposal.template}" has errors or is missing; run "statusmark check"`,
    );
  const draft = draftIncident({
    proposal,
    alert,
    now: ctx.now,
    template: template ? { template, body: template.body } : undefined,
    fill: fillContext(ctx),
    investigating: (input) => investigatingMessage(ctx.locale, input),
  });
  const title = String(draft.frontMatter.title);
  const path = uniquePath(
    ctx.folder('incidents'),
    `${contentTime(alert.first_seen).slice(0, 10)}-${entryId(title, ctx.locale.tag, 'incident')}`,
  );
  const id = basename(path, '.md');
  const issue = hooks.openIssue?.({ id, title, frontMatter: draft.frontMatter });
  const state = issue === undefined ? alert : { ...alert, issue };
  const frontMatter = { ...draft.frontMatter, alert: alertField(state, contentTime) };
  const text = `---\n${stringify(frontMatter, { lineWidth: 100 })}---\n${draft.body ? `\n${draft.body}\n` : ''}`;
  writeValidated(ctx.root, [{ path, text }], ctx);
  const note =
    draft.unfilled.length > 0
      ? `No label filled the template's ${draft.unfilled.map((v) => `{${v}}`).join(', ')}: edit the draft before publishing.`
      : undefined;
  return { id, path, title, alert: state, ...(note ? { note } : {}) };
}

/** The draft's `alert:` record as of this notification; nothing else of the draft changes. */
function updateDraft(
  ctx: CommandContext,
  plan: Extract<DraftPlan, { kind: 'update' }>,
): NonNullable<Ingested['written']> {
  const path = readContentTree(ctx.root).incidents.find((f) => basename(f.file, '.md') === plan.id)!.file;
  const file = readEditable(path);
  file.doc.set('alert', file.doc.createNode(alertField(plan.alert, contentTime)));
  file.rewrite = true;
  writeValidated(ctx.root, [{ path, text: renderEditable(file), expected: file.original }], ctx);
  return { id: plan.id, path, title: String(file.doc.get('title')), alert: plan.alert };
}
