import type { IncidentEntry } from '../schemas/incident.ts';
import type { ActionItem, DataLoss, PostmortemEntry } from '../schemas/postmortem.ts';
import type { Precision } from '../schemas/common.ts';
import { contentIndex, type SiteContent } from './content.ts';
import { DAY } from '../time/dates.ts';
import { incidentMilestones, isResolved, peakSeverity, updateStatusWords } from './statuses.ts';
import {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  FISHBONE_CATEGORIES,
  type DataLossExtent,
} from '../schemas/vocabulary.ts';
import type { Locale } from '../i18n/locale.ts';

/** Ledger rows per page; the counts above the table cover every item. */
export const LEDGER_PAGE_SIZE = 50;

export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];
export type FishboneCategory = (typeof FISHBONE_CATEGORIES)[number];

export function postmortemTitle(
  pm: PostmortemEntry,
  incident: IncidentEntry | undefined,
  locale: Locale,
): string {
  return pm.title ?? locale.t('postmortem.default_title', { title: incident?.title ?? pm.incident });
}

/** The date an item's status was last known: its own `as_of`, else the postmortem's; none: kept current. */
export function statusAsOf(
  item: ActionItem,
  pm: { action_items_as_of?: number | undefined },
): number | undefined {
  return item.as_of ?? pm.action_items_as_of;
}

/**
 * An item is overdue only when it is known to be open (or in progress) after its due date: on its
 * `as_of` date when the status is dated (as published), else now (the status is kept current).
 */
export function isOverdue(item: ActionItem, now: number, asOf?: number): boolean {
  if (item.status !== 'open' && item.status !== 'in_progress') return false;
  if (item.due === undefined) return false;
  // A due date means "by the end of that day" (UTC); an as_of date is known on that whole day.
  return asOf !== undefined ? asOf > item.due : item.due + DAY <= now;
}

export interface TimelineEntry {
  at: number;
  /** How precisely a milestone's time is known; updates are exact. */
  precision?: Precision | undefined;
  label: string;
  /** Markdown, for updates. */
  message?: string;
  kind: 'milestone' | 'update';
}

/** The incident's milestones and public updates, in time order (ties keep milestones first). */
export function mergedTimeline(incident: IncidentEntry, locale: Locale): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...incidentMilestones(incident, locale).map(({ label, at, precision }): TimelineEntry => ({
      at,
      precision,
      label,
      kind: 'milestone',
    })),
    ...incident.updates.map((u): TimelineEntry => ({
      at: u.at,
      // An update that changed no status says none; one posted elsewhere says where.
      label: [
        u.stated
          ? locale.t('postmortem.public_update', { status: updateStatusWords(u, locale) })
          : locale.t('postmortem.public_update_plain'),
        ...(u.channel ? [locale.t('incident_detail.posted_on', { channel: u.channel })] : []),
      ].join(' · '),
      message: u.message,
      kind: 'update',
    })),
  ];
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'milestone' ? -1 : 1));
}

/** The categorised contributing factors by fishbone category, in the category order; plain text is not drawn. */
export function factorsByCategory(pm: {
  contributing_factors: { category?: FishboneCategory | undefined; description: string }[];
}): { category: FishboneCategory; descriptions: string[] }[] {
  return FISHBONE_CATEGORIES.map((category) => ({
    category,
    descriptions: pm.contributing_factors.filter((f) => f.category === category).map((f) => f.description),
  }));
}

/** A time in words at its precision ("around 17:20 UTC", "Feb 1"); the page's own formatter. */
export type TimeWords = (at: number, precision: Precision | undefined) => string;

export interface DataLossWords {
  /** The extent in words: "No customer data was lost." only for none (or false). */
  sentence: string;
  /** What, when, how much and what was not affected, as far as the postmortem says. */
  facts: { label: string; text: string }[];
}

/** The sentence for each extent; `true` and `false` read as `some` and `none`, in the words they always had. */
const DATA_LOSS_SENTENCES: Record<DataLossExtent, string> = {
  none: 'no_data_lost',
  some: 'data_lost',
  unknown: 'data_loss_unknown',
  not_stated: 'data_loss_not_stated',
};

/** What a postmortem says about lost data, as written and never more. */
export function describeDataLoss(loss: DataLoss, locale: Locale, timeWords: TimeWords): DataLossWords {
  const facts: DataLossWords['facts'] = [];
  const fact = (key: string, text: string | undefined) => {
    if (text !== undefined) facts.push({ label: locale.t(`postmortem.data_loss_${key}`), text });
  };
  // "What was lost" only where something was; otherwise the data is only what the sentence is about.
  fact(loss.extent === 'some' ? 'what' : 'concerned', loss.what);
  const from = loss.from === undefined ? undefined : timeWords(loss.from, loss.precision.from);
  const to = loss.to === undefined ? undefined : timeWords(loss.to, loss.precision.to);
  fact(
    'when',
    from !== undefined && to !== undefined
      ? locale.t('postmortem.data_loss_between', { from, to })
      : from !== undefined
        ? locale.t('postmortem.data_loss_since', { from })
        : to !== undefined
          ? locale.t('postmortem.data_loss_until', { to })
          : undefined,
  );
  fact('count', typeof loss.count === 'number' ? locale.number(loss.count) : loss.count);
  fact('not_affected', loss.not_affected);
  return { sentence: locale.t(`postmortem.${DATA_LOSS_SENTENCES[loss.extent]}`), facts };
}

export interface LedgerItem {
  item: ActionItem;
  postmortem: PostmortemEntry;
  incident: IncidentEntry | undefined;
  overdue: boolean;
  /** The date the item's status was last known; absent when it is kept current. */
  asOf: number | undefined;
}

export interface Ledger {
  /** Open first (overdue before the rest, by due date), then in progress, done, won't do. */
  items: LedgerItem[];
  byStatus: Record<ActionItemStatus, number>;
  byType: Record<ActionItemType, number>;
  overdue: number;
  /** Done items with a due date, and how many of them were finished by it (`completed` ≤ `due`). */
  doneWithDue: number;
  doneOnTime: number;
}

const STATUS_ORDER: Record<ActionItemStatus, number> = { open: 0, in_progress: 1, done: 2, wont_do: 3 };

/** Every action item across the published postmortems, for the follow-up ledger. */
const ledgers = new WeakMap<SiteContent, Ledger>();

/** The follow-up ledger, made once per content: every ledger page shows its counts. */
export function buildLedger(content: SiteContent): Ledger {
  let ledger = ledgers.get(content);
  if (!ledger) {
    ledger = makeLedger(content);
    ledgers.set(content, ledger);
  }
  return ledger;
}

function makeLedger(content: SiteContent): Ledger {
  const now = content.clock.now;
  const { incidents } = contentIndex(content);
  const items: LedgerItem[] = content.postmortems.flatMap((postmortem) =>
    postmortem.action_items.map((item) => {
      const asOf = statusAsOf(item, postmortem);
      return {
        item,
        postmortem,
        incident: incidents.get(postmortem.incident),
        overdue: isOverdue(item, now, asOf),
        asOf,
      };
    }),
  );
  items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      STATUS_ORDER[a.item.status] - STATUS_ORDER[b.item.status] ||
      (a.item.due ?? Infinity) - (b.item.due ?? Infinity) ||
      a.item.title.localeCompare(b.item.title),
  );
  const count = <K extends string>(keys: readonly K[], pick: (i: ActionItem) => K) =>
    Object.fromEntries(keys.map((k) => [k, items.filter((x) => pick(x.item) === k).length])) as Record<
      K,
      number
    >;
  const doneWithDue = items.filter((x) => x.item.status === 'done' && x.item.due !== undefined);
  return {
    items,
    byStatus: count(ACTION_ITEM_STATUSES, (i) => i.status),
    byType: count(ACTION_ITEM_TYPES, (i) => i.type),
    overdue: items.filter((x) => x.overdue).length,
    doneWithDue: doneWithDue.length,
    doneOnTime: doneWithDue.filter((x) => x.item.completed !== undefined && x.item.completed <= x.item.due!)
      .length,
  };
}

/**
 * "3 of 5 follow-ups done"; "… done as of Feb 10, 2017" when statuses are dated (the earliest date,
 * so the sentence never claims more recent knowledge than the postmortem has).
 */
export function followUpSummary(pm: PostmortemEntry, locale: Locale): string {
  const done = pm.action_items.filter((i) => i.status === 'done').length;
  const dates = pm.action_items.flatMap((item) => statusAsOf(item, pm) ?? []);
  const values = { done, count: pm.action_items.length };
  if (dates.length === 0) return locale.t('postmortem.follow_ups_done', values);
  return locale.t('postmortem.follow_ups_done_as_of', {
    ...values,
    date: locale.date(Math.min(...dates), 'UTC'),
  });
}

/**
 * Where an incident stands with its postmortem: published; pending (its severity requires one and it
 * is resolved, so one is owed); or not required.
 */
export function postmortemState(
  incident: IncidentEntry,
  content: SiteContent,
): 'published' | 'pending' | 'not-required' {
  if (contentIndex(content).postmortemsByIncident.has(incident.id)) return 'published';
  // The highest severity it reached decides: an incident de-escalated from P1 still needs its postmortem.
  const severity = peakSeverity(
    incident,
    content.site.severities.map((s) => s.id),
  );
  const required = content.site.severities.find((s) => s.id === severity)?.postmortem_required ?? false;
  return required && isResolved(incident) ? 'pending' : 'not-required';
}
