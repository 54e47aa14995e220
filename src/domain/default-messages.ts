import type { Locale } from '../i18n/locale.ts';

/**
 * The standard wording of status updates that `new incident`, `new maintenance` and `resolve` write
 * when no message is given, after the incident-response playbooks: acknowledge the problem, say who is
 * affected, apologise, say what is being done and when the next update comes. In the site's language
 * (the `default_message` group of the catalogues): these are words readers see.
 */

export function investigatingMessage(
  locale: Locale,
  input: { title: string; affected: string[]; nextUpdate: string },
): string {
  return locale.t('default_message.investigating', {
    title: input.title,
    count: input.affected.length,
    affected: locale.list(input.affected),
    next: input.nextUpdate,
  });
}

export function resolvedMessage(locale: Locale, input: { started: string; mitigated: string }): string {
  return locale.t('default_message.resolved', input);
}

export function maintenanceMessage(
  locale: Locale,
  input: { start: string; end: string; affected: string[] },
): string {
  return locale.t('default_message.maintenance', {
    start: input.start,
    end: input.end,
    affected: locale.list(input.affected),
  });
}
