import { timeElement } from '../text/html.ts';
import { componentName, type SiteContent } from './content.ts';
import type { EditChange } from './edit-history.ts';

/** A time inside a sentence: the date and time in the site's zone, machine-readable too. */
function at(content: SiteContent, ms: number): string {
  return timeElement(ms, content.locale.dateTime(ms, content.site.time_zone));
}

/** Raised or lowered on the site's scale (highest first); a severity no longer on it is "changed". */
function severityKey(content: SiteContent, from: string, to: string): string {
  const ids = content.site.severities.map((s) => s.id);
  const a = ids.indexOf(from);
  const b = ids.indexOf(to);
  if (a < 0 || b < 0) return 'edit_history.severity_changed';
  return b < a ? 'edit_history.severity_raised' : 'edit_history.severity_lowered';
}

/**
 * One change as a sentence of the page's language, in HTML: its times are `<time>` elements, the
 * author's words (titles, component names) escaped.
 */
export function describeChange(content: SiteContent, change: EditChange): string {
  const { locale } = content;
  switch (change.kind) {
    case 'time_moved':
      return locale.html(`edit_history.moved.${change.field}`, {
        from: at(content, change.from),
        to: at(content, change.to),
      });
    case 'severity':
      return locale.html(
        severityKey(content, change.from, change.to),
        {},
        { from: change.from, to: change.to },
      );
    case 'title':
      return locale.html('edit_history.title', {}, { from: change.from, to: change.to });
    case 'component_added':
    case 'component_removed':
      return locale.html(
        `edit_history.${change.kind}`,
        {},
        { component: componentName(content, change.component) },
      );
    case 'impact':
      return locale.html(
        'edit_history.impact',
        {},
        {
          component: componentName(content, change.component),
          from: locale.t(`badge.${change.from}`),
          to: locale.t(`badge.${change.to}`),
        },
      );
    case 'update_edited':
    case 'update_removed':
      return locale.html(`edit_history.${change.kind}`, { time: at(content, change.at) });
    case 'update_moved':
      return locale.html('edit_history.update_moved', {
        from: at(content, change.from),
        to: at(content, change.to),
      });
    case 'text_edited':
      return locale.html(`edit_history.edited.${change.part}`, {});
    case 'data_loss':
      return locale.html(change.to ? 'edit_history.data_lost' : 'edit_history.no_data_lost', {});
    case 'action_item_removed':
      return locale.html('edit_history.action_item_removed', {}, { title: change.title });
  }
}
