/**
 * A URL- and file-safe id from text: "Card payments failing (EU)" → "card-payments-failing-eu".
 * Accents are dropped rather than split ("Résumé" → "resume"); `maxWords` keeps file names short.
 */
export function slugify(text: string, maxWords = Infinity): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, maxWords)
    .join('-');
}
