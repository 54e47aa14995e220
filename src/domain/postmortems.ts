import type { IncidentEntry } from '../schemas/incident.ts';
import type { ActionItem, PostmortemEntry } from '../schemas/postmortem.ts';
import { contentIndex, type SiteContent } from './content.ts';
import { DAY } from '../time/dates.ts';
import { incidentMilestones } from './status.ts';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TYPES, FISHBONE_CATEGORIES } from '../schemas/vocabulary.ts';
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

/** An item is overdue when it is still open or in progress and its due date has passed. */
export function isOverdue(item: ActionItem, now: number): boolean {
  // A due date means "by the end of that day" (UTC).
  return (
    (item.status === 'open' || item.status === 'in_progress') &&
    item.due !== undefined &&
    item.due + DAY <= now
  );
}

export interface TimelineEntry {
  at: number;
  label: string;
  /** Markdown, for updates. */
  message?: string;
  kind: 'milestone' | 'update';
}

/** The incident's milestones and public updates, in time order (ties keep milestones first). */
export function mergedTimeline(incident: IncidentEntry, locale: Locale): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...incidentMilestones(incident, locale).map(({ label, at }): TimelineEntry => ({
      at,
      label,
      kind: 'milestone',
    })),
    ...incident.updates.map((u): TimelineEntry => ({
      at: u.at,
      label: locale.t('postmortem.public_update', { status: locale.t(`incident_status.${u.status}`) }),
      message: u.message,
      kind: 'update',
    })),
  ];
  return entries.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'milestone' ? -1 : 1));
}

/** Contributing factors grouped by fishbone category, in the category order. */
export function factorsByCategory(
  pm: PostmortemEntry,
): { category: FishboneCategory; descriptions: string[] }[] {
  return FISHBONE_CATEGORIES.map((category) => ({
    category,
    descriptions: pm.contributing_factors.filter((f) => f.category === category).map((f) => f.description),
  }));
}

export interface LedgerItem {
  item: ActionItem;
  postmortem: PostmortemEntry;
  incident: IncidentEntry | undefined;
  overdue: boolean;
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
    postmortem.action_items.map((item) => ({
      item,
      postmortem,
      incident: incidents.get(postmortem.incident),
      overdue: isOverdue(item, now),
    })),
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

/** "3 of 5 follow-ups done". */
export function followUpSummary(pm: PostmortemEntry, locale: Locale): string {
  const done = pm.action_items.filter((i) => i.status === 'done').length;
  return locale.t('postmortem.follow_ups_done', { done, count: pm.action_items.length });
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
  const required =
    content.site.severities.find((s) => s.id === incident.severity)?.postmortem_required ?? false;
  return required && incident.resolved !== undefined ? 'pending' : 'not-required';
}
