import { z } from 'astro/zod';
import { localeTag, text, timestamp, translations } from './common.ts';
import { alertRuleSchema } from './alert.ts';
import { subscribeSchema } from './subscribe.ts';
import { embedSchema } from './embed.ts';

/** One level of the severity scale. */
export const severitySchema = z.strictObject({
  /** Identifier used in incident files, such as `P1`. */
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "-" or "_", such as "P1"'),
  /** Short name shown on pages, such as "Critical". */
  label: text,
  /** When to use this level. */
  description: text.optional(),
  /** Whether an incident of this severity must get a published postmortem. */
  postmortem_required: z.boolean().default(false),
  /** The label and description in the site's other languages: `translations: {de: {label: …}}`. */
  translations: translations({ label: text.optional(), description: text.optional() }),
});
export type Severity = z.output<typeof severitySchema>;

export const DEFAULT_SEVERITIES: Severity[] = [
  {
    id: 'P1',
    label: 'Critical',
    description: 'Most customers cannot use a core service.',
    postmortem_required: true,
  },
  {
    id: 'P2',
    label: 'Major',
    description: 'A core feature is broken or badly degraded for many customers.',
    postmortem_required: true,
  },
  {
    id: 'P3',
    label: 'Minor',
    description: 'Limited impact, a workaround exists, or few customers are affected.',
    postmortem_required: false,
  },
  {
    id: 'P4',
    label: 'Informational',
    description: 'No meaningful customer impact; posted for transparency.',
    postmortem_required: false,
  },
];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Kinds of notification channel, and the events a channel may ask for. */
export const CHANNEL_TYPES = ['slack', 'discord', 'teams', 'webhook', 'email', 'buttondown', 'listmonk'] as const;
export const NOTIFY_EVENTS = ['incident', 'maintenance', 'postmortem'] as const;
export type NotifyEventKind = (typeof NOTIFY_EVENTS)[number];

/** The name of an environment variable (secrets live there, never in the repository). */
const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the name of an environment variable, such as SLACK_WEBHOOK_URL');

const email = z.email({ message: 'must be an email address, such as status@example.com' });

/** One place `statusmark notify` sends each new incident update, maintenance event and postmortem. */
export const channelSchema = z
  .strictObject({
    /** A short id for logs and `notify --test <name>`. */
    name: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and dashes, such as "ops-slack"'),
    type: z.enum(CHANNEL_TYPES),
    /** Slack, Discord, Teams and webhook: the variable that holds the receiver's URL. */
    url_env: envName.optional(),
    /** Webhook: the variable that holds the HMAC-SHA256 signing secret. */
    secret_env: envName.optional(),
    /** Email: the variable that holds smtp://user:password@host:port (smtps:// for TLS). */
    smtp_env: envName.optional(),
    /** Email: the sender. */
    from: email.optional(),
    /** Email: the recipients. */
    to: z.array(email).min(1, 'must name at least one recipient').optional(),
    /** Buttondown: the variable that holds the API key. */
    api_key_env: envName.optional(),
    /** Listmonk: the API user (Admin → Users), whose token is in `api_token_env`. */
    api_user: z.string().min(1).optional(),
    /** Listmonk: the variable that holds the API user's token. */
    api_token_env: envName.optional(),
    /** Only events that touch these components (ids from components.yaml); default all. */
    components: z.array(z.string()).min(1).optional(),
    /** Only these kinds of event; default all. */
    events: z.array(z.enum(NOTIFY_EVENTS)).min(1).optional(),
    /** The language of its messages, a shipped or site language (`de`, `pt-BR`); default the site's `locale`. */
    locale: localeTag.optional(),
  })
  .superRefine((channel, ctx) => {
    const { type } = channel;
    const article = ['email'].includes(type) ? 'an' : 'a';
    const FIELDS = ['url_env', 'secret_env', 'smtp_env', 'from', 'to', 'api_key_env', 'api_user', 'api_token_env'] as const;
    const needed: Partial<Record<(typeof FIELDS)[number], string>> =
      type === 'email'
        ? { smtp_env: 'SMTP_URL', from: 'status@example.com', to: '[subscribers@example.com]' }
        : type === 'buttondown'
          ? { api_key_env: 'BUTTONDOWN_API_KEY' }
          : type === 'listmonk'
            ? { api_user: 'statusmark', api_token_env: 'LISTMONK_API_TOKEN' }
            : { url_env: `${type.toUpperCase()}_WEBHOOK_URL` };
    for (const field of FIELDS) {
      const example = needed[field];
      if (example !== undefined && channel[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `is required for ${article} ${type} channel, such as ${field}: ${example}`,
        });
      const allowed = example !== undefined || (field === 'secret_env' && type === 'webhook');
      if (!allowed && channel[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `does not apply to ${article} ${type} channel; remove it`,
        });
    }
  });
export type Channel = z.output<typeof channelSchema>;

/** `content/site.yaml`. */
export const siteSchema = z
  .strictObject({
    /** Company or product name shown in the header and titles. */
    name: text,
    /** Absolute URL where the site is published, such as https://status.example.com. */
    url: z.url({
      protocol: /^https?$/,
      message: 'must be an absolute URL such as "https://status.example.com"',
    }),
    /** One sentence shown under the name and in feeds. */
    description: text,
    /** IANA zone used to display times (arithmetic is always UTC). Default `UTC`. */
    time_zone: z
      .string()
      .refine(isTimeZone, { message: 'must be an IANA time zone such as "UTC" or "Europe/Berlin"' })
      .default('UTC'),
    /**
     * The language of the page's own words (navigation, statuses, dates, the report's prose), a BCP 47
     * tag such as `de` or `pt-BR`. Content stays in the words its authors wrote. Default `en`.
     */
    locale: localeTag.default('en'),
    /**
     * Every language the interface is built in, the site's `locale` among them: each other one is
     * built under /<tag>/, with links between the versions of a page. Default: `locale` alone.
     */
    locales: z.array(localeTag).min(1).optional(),
    /** Path of a logo under public/, such as /logo.svg. */
    logo: z
      .string()
      .startsWith('/', 'must be a path under public/ starting with "/", such as "/logo.svg"')
      .optional(),
    /** Accent colour as #rrggbb, used for links and focus rings. */
    accent: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as "#2563eb"')
      .optional(),
    /** The severity scale, highest first. Default P1–P4, with P1 and P2 requiring a postmortem. */
    severities: z.array(severitySchema).min(1).default(DEFAULT_SEVERITIES),
    uptime: z
      .strictObject({
        /** Share of a minute counted as downtime per status (Statuspage's 1 / 0.3 / 0 by default). */
        weights: z
          .strictObject({
            major_outage: z.number().min(0).max(1).default(1),
            partial_outage: z.number().min(0).max(1).default(0.3),
            degraded_performance: z.number().min(0).max(1).default(0),
          })
          .default({ major_outage: 1, partial_outage: 0.3, degraded_performance: 0 }),
        /** Maintenance counts as `up` time (default) or is `excluded` from the denominator. */
        maintenance: z.enum(['up', 'excluded']).default('up'),
      })
      .default({
        weights: { major_outage: 1, partial_outage: 0.3, degraded_performance: 0 },
        maintenance: 'up',
      }),
    report: z
      .strictObject({
        /** Severity ids the monthly report lists; default every severity. */
        severities: z.array(z.string()).min(1).optional(),
        /** Closing paragraph of each monthly report (Markdown). */
        closing: z.string().optional(),
      })
      .default({}),
    /**
     * Demo mode: the fictional content is shown as of this time unless STATUSMARK_NOW or
     * SOURCE_DATE_EPOCH is set, and every page says it is a demo. Delete it for a real site.
     */
    demo: z.strictObject({ now: timestamp, notice: text.optional() }).optional(),
    /**
     * A notice shown at the top of every page while the build clock is inside its window: for news
     * that is not an incident (a migration, holiday support hours). `from` and `until` are optional.
     */
    notice: z
      .strictObject({
        /** Markdown, one or two sentences. */
        text,
        /** `info` (default) or `warning`, which is drawn stronger and says "Important". */
        level: z.enum(['info', 'warning']).default('info'),
        from: timestamp.optional(),
        until: timestamp.optional(),
      })
      .optional(),
    /** Where `statusmark notify` sends what is new after each deploy (see docs/notifications.md). */
    notifications: z.array(channelSchema).default([]),
    /** The mailing list readers join from /subscribe/, kept by Buttondown or Listmonk (docs/notifications.md). */
    subscribe: subscribeSchema.optional(),
    /** Rules that turn alerts into draft incidents (`statusmark ingest`, see docs/alerts.md). */
    alerts: z.array(alertRuleSchema).default([]),
    /** Who may show /embed/ in a frame (docs/embedding.md); default any site. */
    embed: embedSchema.optional(),
    /** A private or staging site: search engines are asked not to index any page. */
    noindex: z.boolean().default(false),
  })
  .superRefine((site, ctx) => {
    const { notice } = site;
    if (notice?.from !== undefined && notice.until !== undefined && notice.until <= notice.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['notice', 'until'],
        message: 'must be after notice.from; the notice would never show',
      });
    }
    if (site.locales && !site.locales.includes(site.locale))
      ctx.addIssue({
        code: 'custom',
        path: ['locales'],
        message: `must include the site's locale "${site.locale}", the language of the pages at the root`,
      });
    if (site.locales && new Set(site.locales).size !== site.locales.length)
      ctx.addIssue({ code: 'custom', path: ['locales'], message: 'names a locale twice; list each once' });
    const names = new Set<string>();
    site.notifications.forEach((channel, index) => {
      if (names.has(channel.name))
        ctx.addIssue({
          code: 'custom',
          path: ['notifications', index, 'name'],
          message: `"${channel.name}" names two channels; give each its own name`,
        });
      names.add(channel.name);
    });
    const seen = new Set<string>();
    site.severities.forEach((severity, index) => {
      if (seen.has(severity.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['severities', index, 'id'],
          message: `severity "${severity.id}" is declared twice; ids must be unique`,
        });
      }
      seen.add(severity.id);
    });
    site.report.severities?.forEach((id, index) => {
      if (!seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['report', 'severities', index],
          message: `"${id}" is not a severity; use one of ${[...seen].join(', ')}`,
        });
      }
    });
  });
export type Site = z.output<typeof siteSchema>;

