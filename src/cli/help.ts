import { IMPACTS, INCIDENT_STATUSES } from '../schemas/vocabulary.ts';

/** Help texts, apart from the commands so that printing help loads nothing else. */

export const NEW_INCIDENT_HELP = `statusmark new incident "<title>" --severity P2 --component api:partial_outage [options]
statusmark new incident --template <id> [--component api[:impact]] [--var name=value]

Writes content/incidents/<date>-<title>.md with a first "investigating" update that acknowledges the
problem, says who is affected and promises the next update. With --template, the title, severity,
components and first update come from content/templates/<id>.md, filled in with the clock, the
components and the template's variables; every other option overrides the template's value.

  --severity ID             a severity from site.yaml (P1 … P4 by default)
  --component ID:IMPACT     repeatable; IMPACT is ${IMPACTS.join(', ')}
  --started TIME            when impact began (default: now), e.g. 2026-11-20T14:02:00Z
  --message TEXT            the first update (default: a standard acknowledgement)
  --next 30m                when the next update is promised (default 30m)
  --detection KIND          alert, synthetic, customer, internal or other
  --template ID             an incident template of content/templates
  --var NAME=VALUE          a template variable (repeatable); asked for at a terminal when missing
  --at TIME                 write as of this time instead of now
`;

export const NEW_MAINTENANCE_HELP = `statusmark new maintenance "<title>" --component ID --start TIME --end TIME [options]

Writes content/maintenance/<date>-<title>.md with a first "scheduled" update.

  --component ID     repeatable
  --start, --end     the window, e.g. 2026-12-01T02:00:00Z
  --impact IMPACT    under_maintenance (default), degraded_performance, partial_outage, major_outage
  --message TEXT     the announcement (default: a standard one)
  --recurrence RULE  repeat the window by an RFC 5545 RRULE, such as "FREQ=WEEKLY;BYDAY=TU;COUNT=8";
                     --start/--end are the first occurrence (see docs/authoring.md)
`;

export const NEW_POSTMORTEM_HELP = `statusmark new postmortem <incident-id>

Writes content/postmortems/<incident-id>.md as a draft, prefilled from the incident (title,
components, timeline from its updates), with every section present and a comment on what it needs.
Remove "draft: true" and set "published" when it is ready.
`;

export const RESOLVE_HELP = `statusmark resolve <incident-id> [--mitigated TIME] [--message "…" | --template ID]

Sets mitigated (if not set yet: --mitigated, else now) and resolved (now), and appends the final
"resolved" update: --message, the "resolved" update of a template, or a standard one.

  --component id=impact  a component found to have been affected too (repeatable): listed with that
                         impact from started to mitigated
`;

export const UPDATE_HELP = `statusmark update <incident-id> --status identified --message "…" [--next 30m]
statusmark update <incident-id> --template <id> [--status S]

Appends an update (at the current time) to an incident, keeping the file's comments and layout. With
--template, the message and next-update promise come from the template's update for --status, or
else for the status after the incident's current one (investigating → identified → monitoring).

  --status S      ${INCIDENT_STATUSES.filter((s) => s !== 'resolved').join(', ')} (use "statusmark resolve" to resolve)
  --message TEXT  what readers are told (Markdown)
  --next 30m      promise the next update within this interval
  --mitigated     also record that impact ended now (for a "monitoring" update)
  --component id=impact
                  change a component's impact from now on (repeatable): its current phase ends
                  and a new one starts; id=operational ends its impact; a new id is added
  --template ID   post a template's update; --var NAME=VALUE for its variables
`;

export const INIT_HELP = `statusmark init [folder] [--name NAME --url URL] [options]

Creates a new status site in the folder (default: the current one): package.json, astro.config.mjs,
content/site.yaml and components.yaml, README, GitHub workflows (pull-request check; deploy to Pages
on push and every 15 minutes), pull-request templates and editor settings. No demo content.
Asks for what is missing on a terminal; --yes takes the defaults instead (for scripts and CI).

  --name NAME             company or product name (required)
  --url URL               where the status page will be published (required)
  --description TEXT      one sentence for search engines and feeds
  --time-zone ZONE        IANA time zone shown on the pages (default UTC)
  --locale TAG            language of the pages: en, de, es, fr, ja, nl, pt-BR, zh-CN (default en)
  --components LIST       "api:Public API,web:Web app" (default website:Website)
  --yes                   never ask; use flags and defaults
  --force                 allow a folder that is not empty; existing files are never overwritten
`;

export const STALE_HELP = `statusmark stale --url <published site> [--max-age 1h]

Reads when the published site was built (page.updated_at of its /api/v2/status.json) and exits 1 when
that is longer ago than --max-age (30m, 2h …; default 1h): the deploy workflow runs it so that stopped
or delayed scheduled rebuilds fail loudly. A site not published yet, or not reachable, only warns.
`;
