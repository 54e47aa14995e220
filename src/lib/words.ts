/** Numbers as GitHub's reports write them: one to nine in words, 10 and up in digits. */
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export function numberInWords(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < WORDS.length ? WORDS[n]! : String(n);
}

/** "one incident", "three incidents", "12 incidents"; "no incidents" for zero. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  if (n === 0) return `no ${plural}`;
  return `${numberInWords(n)} ${n === 1 ? singular : plural}`;
}

/** "one", "one and two", "one, two and three": a list as a sentence writes it. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** "1 listed incident", "4 listed incidents": a count in digits with the right form of its noun. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
