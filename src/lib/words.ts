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
