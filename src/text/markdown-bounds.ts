/**
 * How much Markdown a text may hold and how deeply it may nest, so that every file `check` accepts
 * renders in well under a second. The Markdown parser (micromark) recurses once per nested block
 * quote or list, so a few thousand `> ` overflow the stack; its time grows with the square of the
 * number of block quotes and footnotes in a text, and of the lines a paragraph in a block quote or
 * list item goes on without its `>` or indentation ("lazy" lines); and in one paragraph every closing mark with
 * nothing to close (`]`, `*`, `_`, `~`), and every bracket or emphasis mark, walks back over the
 * paragraph, once for each character of a run of emphasis marks. Beyond these, rendering costs about the same for every element it makes, so a file's
 * texts together have a weight: about one for each element. One pass over a text measures it all;
 * the limits are far above what any writer needs.
 */
export const MARKDOWN_LIMITS = {
  /** Characters in the body of a Markdown file. */
  body: 50_000,
  /** Characters in one front matter or YAML value (an update's message, a title). */
  field: 5_000,
  /** Block quotes and list items inside one another. */
  depth: 32,
  /** Brackets, or emphasis marks, opened inside one another in one paragraph. */
  open: 32,
  /** `*`, `_` or `~` in one run: the parser walks a run character by character. */
  run: 32,
  /** Closing marks with nothing to close, in one paragraph. */
  unmatched: 32,
  /** Brackets and emphasis marks in one paragraph, each `*`, `_` or `~` of a run counting. */
  marks: 500,
  /** Lines of one paragraph that go on in a block quote or list item without its `>` or indent. */
  lazy: 250,
  /** Block quotes and footnotes in one text. */
  blocks: 500,
  /** The weight of all the texts of one file: its lines, markers and marks. */
  weight: 3_000,
} as const;

/** Why a text is over a limit: a message and its fix, on a line of the text (1-based). */
interface MarkdownExcess {
  line: number;
  message: string;
}

/** What a text weighs (see MARKDOWN_LIMITS), and the first limit it goes over, if any. */
export interface MarkdownMeasure {
  weight: number;
  excess?: MarkdownExcess;
}

const QUOTE = /([ \t]*)> ?/y;
// After a marker, one to four spaces; with five or more, the item's text is indented code after one.
const ITEM = /([ \t]*)(?:[-+*]|\d{1,9}[.)])(?: {1,4}(?! )| (?= )|\t|$)/y;
const FOOTNOTE = /([ \t]*)\[\^[^\]\s]+\]:(?:[ \t]+|$)/y;
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
// At the line's start (indented, it could be in a list item); an info string after backticks holds
// no backtick.
const FENCE = /^(?:(`{3,})(?!.*`)|(~{3,}))/;
/** A line that ends any paragraph: blank, in its block quotes or not. */
const BLANK = /^[ \t>]*$/;
/** A bullet item with text, or an ordered one numbered 1: these start a list even after a paragraph. */
// (A quote's optional space is left to the blanks after it: either way round would backtrack.)
const LIST_START = /^(?:[ \t]{0,3}>)*[ \t]{0,3}(?:[-+*]|1[.)])[ \t]+\S/;
/** A line that may start an HTML block, which may hide a fence from the parser. */
const HTML_START = /^(?:[ \t]{0,3}>)*[ \t]{0,3}</;

/** Columns of leading blanks, a tab counting as four. */
function columns(blanks: string): number {
  let width = 0;
  for (const c of blanks) width += c === '\t' ? 4 : 1;
  return width;
}

/** A line's block quotes and list markers: how deep they nest, and where its text starts. */
function readContainers(line: string) {
  let at = 0;
  let depth = 0;
  let quotes = 0;
  let items = 0;
  let footnotes = 0;
  // Past the limit, how much deeper does not matter: stopping keeps this linear.
  while (depth <= MARKDOWN_LIMITS.depth) {
    // Blanks before a marker stand for the list items the line continues: two columns each at least.
    QUOTE.lastIndex = at;
    const quote = QUOTE.exec(line);
    if (quote) {
      depth += 1 + Math.floor(columns(quote[1]!) / 2);
      quotes++;
      at = QUOTE.lastIndex;
      continue;
    }
    FOOTNOTE.lastIndex = at;
    const footnote = FOOTNOTE.exec(line);
    if (footnote) {
      depth += 1 + Math.floor(columns(footnote[1]!) / 2);
      footnotes++;
      at = FOOTNOTE.lastIndex;
      continue;
    }
    if (THEMATIC_BREAK.test(line.slice(at))) break;
    ITEM.lastIndex = at;
    const marker = ITEM.exec(line);
    if (!marker || marker[0].length === 0) break;
    depth += 1 + Math.floor(columns(marker[1]!) / 2);
    items++;
    at = ITEM.lastIndex;
  }
  return { depth, quotes, items, footnotes, rest: line.slice(at) };
}

const isBlank = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunctuation = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/**
 * A line's weight: its text, and each container it is in, a list item (with its paragraph) counting
 * twice. A line indented under a list item is in as many as its indentation says.
 */
function lineWeight({ depth, items, rest }: ReturnType<typeof readContainers>): number {
  if (rest.trim() === '') return depth + items;
  return 1 + depth + items + Math.floor(columns(/^[ \t]*/.exec(rest)![0]) / 2);
}

/** Whether a run of `*`, `_` or `~` can open and close emphasis (CommonMark's flanking rules). */
function flanking(marker: string, before: string | undefined, after: string | undefined) {
  const left = !isBlank(after) && (!isPunctuation(after) || isBlank(before) || isPunctuation(before));
  const right = !isBlank(before) && (!isPunctuation(before) || isBlank(after) || isPunctuation(after));
  if (marker !== '_') return { open: left, close: right };
  return { open: left && (!right || isPunctuation(before)), close: right && (!left || isPunctuation(after)) };
}

/**
 * Where an element other than a bracket or an emphasis may start: a table cell, a tag or an autolink,
 * a code span, a link the text itself is (www., ://, an address).
 */
const ELEMENT_START = /\||<|`|www\.|:\/\/|@/iy;

/**
 * Anything but a plain line: a line break, a blank or a list marker at the start, or a character the
 * scan counts.
 */
const MAY_COUNT = /[\n\r[\]*_~>|<`@\\]|^\s|^(?:[-+]|\d{1,9}[.)])(?:[ \t]|$)|:\/\/|www\./i;

/** What is counted over a whole text. */
interface TextCounts {
  weight: number;
  /** Block quotes opened, and footnote references and definitions. */
  blocks: number;
}

/** The marks of one paragraph so far. */
class Paragraph {
  brackets = 0;
  emphasis: string[] = [];
  unmatched = 0;
  marks = 0;
  /** How deep in block quotes and list items its deepest line is (a quote may interrupt it). */
  depth = 0;
  lazy = 0;

  /** Whether a line of the paragraph `depth` deep goes on lazily one time too many. */
  overLazy(depth: number): boolean {
    this.depth = Math.max(this.depth, depth);
    // An indented line going on in a list item counts too: safe, and a paragraph seldom has hundreds.
    return depth < this.depth && ++this.lazy > MARKDOWN_LIMITS.lazy;
  }

  /** Reads one line of the paragraph, counting into `text`; returns what is over a limit, if any. */
  read(line: string, text: TextCounts): string | undefined {
    const marksBefore = this.marks;
    const over = this.#readMarks(line, text);
    text.weight += this.marks - marksBefore;
    return over;
  }

  #readMarks(text: string, counts: TextCounts): string | undefined {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\') i++;
      else if (((ELEMENT_START.lastIndex = i), ELEMENT_START.test(text))) counts.weight++;
      else if (c === '[') {
        this.marks++;
        if (text[i + 1] === '^' && ++counts.blocks > MARKDOWN_LIMITS.blocks) return BLOCKS;
        if (++this.brackets > MARKDOWN_LIMITS.open) return OPEN_BRACKETS;
      } else if (c === ']') {
        this.marks++;
        if (this.brackets > 0) this.brackets--;
        else this.unmatched++;
      } else if (c === '*' || c === '_' || c === '~') {
        let end = i + 1;
        while (text[end] === c) end++;
        if (end - i > MARKDOWN_LIMITS.run) return RUN;
        const over = this.#emphasis(c, end - i, flanking(c, text[i - 1], text[end]));
        if (over) return over;
        i = end - 1;
      }
      if (this.unmatched > MARKDOWN_LIMITS.unmatched) return UNMATCHED;
      if (this.marks > MARKDOWN_LIMITS.marks) return MARKS;
    }
    return undefined;
  }

  #emphasis(marker: string, length: number, can: { open: boolean; close: boolean }) {
    this.marks += length;
    if (can.close) {
      const opener = this.emphasis.lastIndexOf(marker);
      // As in CommonMark, marks opened inside the pair and left open are closed with it.
      if (opener >= 0) return void (this.emphasis.length = opener);
      this.unmatched++;
    }
    if (can.open) this.emphasis.push(marker);
    return this.emphasis.length > MARKDOWN_LIMITS.open ? OPEN_EMPHASIS : undefined;
  }
}

const DEPTH = `nests block quotes and list items more than ${MARKDOWN_LIMITS.depth} deep; flatten them, or escape a ">" or list marker that is text ("\\>", "\\-")`;
const OPEN_BRACKETS = `opens more than ${MARKDOWN_LIMITS.open} brackets "[" inside one another in one paragraph; escape the ones that are text as "\\["`;
const OPEN_EMPHASIS = `opens more than ${MARKDOWN_LIMITS.open} emphasis marks (*, _ or ~) inside one another in one paragraph; escape the ones that are text as "\\*", "\\_" or "\\~", or put code in backticks`;
const UNMATCHED = `has more than ${MARKDOWN_LIMITS.unmatched} closing marks (], *, _ or ~) with nothing to close in one paragraph; escape them ("\\]", "\\*", "\\_", "\\~") or put code in backticks`;
const BLOCKS = `has more than ${MARKDOWN_LIMITS.blocks} block quotes and footnotes; keep a long quotation in one block quote (its lines may follow one another), or link to the material`;
const RUN = `has more than ${MARKDOWN_LIMITS.run} "*", "_" or "~" in a row; escape each one ("\\*", "\\_", "\\~"), or put them in a fenced code block`;
const LAZY = `goes on for more than ${MARKDOWN_LIMITS.lazy} lines of one paragraph without the ">" of its block quote or the indentation of its list item; start each line with ">" (or indent it), or end the quote or item with a blank line`;
const MARKS = `has more than ${MARKDOWN_LIMITS.marks} brackets and emphasis marks in one paragraph; split it into paragraphs with blank lines, or put code in a code block`;

/**
 * Marks in a fenced code block are text, but a fence is trusted only where the parser surely sees
 * one: at the start of a line in no container, after a blank line (or first), with no HTML block
 * before it (which could hold it). Anywhere else its lines are read as Markdown: a fence must never
 * hide marks the parser reads. It ends at a line that starts with its marker (the parser may need
 * more, never less).
 */
function trustedFence(rest: string, depth: number, afterBlank: boolean, html: boolean) {
  const opening = depth === 0 && afterBlank && !html ? FENCE.exec(rest) : null;
  return opening ? (opening[1] ?? opening[2]!) : undefined;
}

/**
 * What `text` weighs, and the first way it goes over the Markdown limits. Linear in the text's
 * length. Marks in code spans count too: what the parser takes for one depends on tags and links
 * around it, and a count too high is safe where one too low is not.
 */
export function measureMarkdown(text: string, maxLength: number): MarkdownMeasure {
  const counts: TextCounts = { weight: 0, blocks: 0 };
  if (text.length > maxLength) {
    const [length, limit] = [text.length, maxLength].map((n) => n.toLocaleString('en'));
    const message = `is ${length} characters long, more than the ${limit} it may hold; shorten it, and link to long material (logs, data) instead of pasting it`;
    return { weight: 0, excess: { line: 1, message } };
  }
  // Most texts are one plain line (a time, an id, a title): nothing in them is counted but the line.
  if (!MAY_COUNT.test(text)) return { weight: text.trim() === '' ? 0 : 1 };
  let paragraph = new Paragraph();
  let fence: string | undefined;
  let [quotesBefore, afterBlank, html] = [0, true, false];
  for (const [index, line] of text.split(/\r\n?|\n/).entries()) {
    const over = (message: string) => ({ weight: counts.weight, excess: { line: index + 1, message } });
    if (fence) {
      if (line.trimStart().startsWith(fence)) [fence, afterBlank] = [undefined, false];
      continue;
    }
    const containers = readContainers(line);
    const { rest, quotes } = containers;
    if (containers.depth > MARKDOWN_LIMITS.depth) return over(DEPTH);
    counts.weight += lineWeight(containers);
    counts.blocks += Math.max(0, quotes - quotesBefore) + containers.footnotes;
    quotesBefore = quotes;
    if (counts.blocks > MARKDOWN_LIMITS.blocks) return over(BLOCKS);
    fence = trustedFence(rest, containers.depth, afterBlank, html);
    html ||= HTML_START.test(line);
    afterBlank = BLANK.test(line);
    // A thematic break (`***`) ends a paragraph and is no emphasis, however long.
    const rule = THEMATIC_BREAK.test(rest);
    // Only where the parser surely ends a paragraph do its counts start again.
    if (fence || afterBlank || rule || LIST_START.test(line)) paragraph = new Paragraph();
    if (!fence && !rule && !afterBlank && paragraph.overLazy(containers.depth)) return over(LAZY);
    const problem = fence || rule ? undefined : paragraph.read(rest, counts);
    if (problem) return over(problem);
  }
  return { weight: counts.weight };
}
