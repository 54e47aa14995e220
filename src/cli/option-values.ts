import { closest } from '../text/words.ts';
import { UsageError } from './errors.ts';

/**
 * A value given to an option, checked before any file is composed: a mistake is named by the option
 * the user typed, with the values it takes, never by a line of a file that was never written.
 */

/** The allowed value nearest to a mistyped one: by spelling, else the only one holding it. */
function nearestValue(value: string, allowed: readonly string[]): string | undefined {
  const spelled = closest(value, allowed);
  if (spelled) return spelled;
  const starts = allowed.filter((a) => value.length >= 3 && a.toLowerCase().includes(value.toLowerCase()));
  return starts.length === 1 ? starts[0] : undefined;
}

/** " Did you mean X?" when one allowed value is near, else nothing. */
function didYouMean(value: string, allowed: readonly string[]): string {
  const guess = nearestValue(value, allowed);
  return guess ? `; did you mean ${guess}?` : '';
}

/**
 * Refuses `--name value` unless value is one of `allowed`: `--status identifed is not a status; use
 * investigating, identified, …; did you mean identified?`.
 */
export function checkOptionValue(
  option: string,
  value: string,
  allowed: readonly string[],
  what: string,
): void {
  if (allowed.includes(value)) return;
  throw new UsageError(
    `--${option} ${value} is not ${what}; use ${allowed.join(', ')}${didYouMean(value, allowed)}`,
  );
}

/**
 * Refuses one part of a `--component id:impact` value: `--component app:major: "major" is not an
 * impact; use …`. An empty `allowed` (no components.yaml to go by) accepts any.
 */
export function checkComponentPart(
  spec: string,
  value: string,
  allowed: readonly string[],
  what: string,
): void {
  if (allowed.length === 0 || allowed.includes(value)) return;
  throw new UsageError(
    `--component ${spec}: "${value}" is not ${what}; use ${allowed.join(', ')}${didYouMean(value, allowed)}`,
  );
}
