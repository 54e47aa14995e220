import { slugify } from '../text/slug.ts';

/** Words of a title an id still reads well without, by language (ids are lowercase ASCII words). */
const FILLER: Record<string, string> = {
  en: 'a an the of at by for from in on to with and or our your their its is are was were been be some due',
  de: 'der die das den dem des ein eine einer eines einem bei von vom mit und oder fur im am zu zum zur unser unsere unseres ist sind',
  fr: 'le la les l un une des du de d au aux et ou chez notre nos en sur pour est sont',
  es: 'el la los las un una unos unas de del al en y o con por para nuestro nuestra nuestros es son',
  nl: 'de het een van bij met en of in op voor onze ons is zijn',
  pt: 'o a os as um uma de do da dos das em no na nos nas e ou com por para nosso nossa e sao',
};

const WORDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(FILLER).map(([language, words]) => [language, new Set(words.split(' '))]),
);

/** Words an id keeps at most. */
const MAX_WORDS = 8;

/**
 * The id of a new incident or maintenance window from its title: the whole title as a slug when it
 * is short; a long one loses its filler words first ("Public API affected by an outage at our SMS
 * provider" → "public-api-affected-outage-sms-provider"), then is cut after a whole word, never
 * ending on a filler word, so that it does not stop mid-phrase ("…-outage-at-our").
 */
export function entryId(title: string, language: string, fallback: string): string {
  const words = slugify(title).split('-').filter(Boolean);
  if (words.length <= MAX_WORDS) return words.join('-') || fallback;
  const filler = WORDS[language.split('-')[0]!.toLowerCase()] ?? WORDS.en!;
  const content = words.filter((word) => !filler.has(word));
  const kept = (content.length > 0 ? content : words).slice(0, MAX_WORDS);
  while (kept.length > 1 && filler.has(kept.at(-1)!)) kept.pop();
  return kept.join('-') || fallback;
}
