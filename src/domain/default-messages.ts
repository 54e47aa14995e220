/**
 * Standard wording for status updates, after the seed playbooks: acknowledge the problem, say who
 * is affected, apologise, say what is being done and when the next update comes.
 */

import { listInWords } from '../text/words.ts';

export function investigatingMessage(input: {
  title: string;
  affected: string[];
  nextUpdate: string;
}): string {
  const who =
    input.affected.length > 0
      ? `${listInWords(input.affected)} ${input.affected.length > 1 ? 'are' : 'is'} affected`
      : 'We are assessing which services are affected';
  return `We are investigating: ${input.title}. ${who}. We are sorry for the disruption and will post an update by ${input.nextUpdate}.`;
}

export function resolvedMessage(input: { started: string; mitigated: string }): string {
  return `This incident is resolved. Impact lasted from ${input.started} to ${input.mitigated}. We are sorry for the disruption; thank you for your patience.`;
}

export function maintenanceMessage(input: { start: string; end: string; affected: string[] }): string {
  return `We will carry out maintenance on ${listInWords(input.affected)} from ${input.start} to ${input.end}. We will post an update when it starts and when it is complete.`;
}
