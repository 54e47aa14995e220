import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** A YAML document with what is needed to point at a line. */
export interface ParsedYaml {
  data: unknown;
  /** Line (1-based, in the file) of the node at a path, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** Problems that stop the file being read, each a complete message with its fix. */
  errors: { line?: number; message: string }[];
}

/**
 * What YAML texts parsed to in earlier runs, by text: the command line keeps them between runs
 * (src/cli/yaml-cache.ts), a build does not. `get` gives a new copy of the data each time.
 */
export interface KeptYaml {
  get(text: string): unknown;
  set(text: string, data: unknown): void;
}

let keptYaml: KeptYaml | undefined;

/** Where parseYaml looks first, and keeps what it parses (undefined: nowhere). */
export function keepYamlIn(kept: KeptYaml | undefined): void {
  keptYaml = kept;
}

/**
 * Parses YAML with the core schema, so a time stays the text the author wrote (YAML 1.1 would turn
 * `2026-11-20T14:30:00` into a UTC date and hide the missing zone). `lineOffset` is the line the YAML
 * starts on in its file.
 */
export function parseYaml(source: string, lineOffset = 0): ParsedYaml {
  // Most files are valid: parse them the fast way (js-yaml, about ten times faster on a large
  // archive), and build the line-aware document (yaml) only when a line is asked for (a problem to
  // report) or the fast parse fails. Files with aliases always take the careful way, whose alias
  // limit stops a "billion laughs" document.
  let fast: { data: unknown } | undefined;
  if (!ALIAS.test(source)) {
    const kept = keptYaml?.get(source);
    if (kept !== undefined) fast = { data: kept };
    else {
      try {
        fast = { data: load(source, { schema: CORE_SCHEMA }) };
        keptYaml?.set(source, fast.data);
      } catch {
        fast = undefined;
      }
    }
  }
  let located: ParsedYaml | undefined;
  const lines = () => (located ??= locate(source, lineOffset));
  return {
    data: fast ? fast.data : lines().data,
    errors: fast ? [] : lines().errors,
    lineOf: (path) => lines().lineOf(path),
  };
}

/** How many alias expansions a document may have: ample for any real file, far short of a bomb. */
const MAX_ALIASES = 100;

/** An alias (`*name`) or a merge key (`<<`), which the fast parser would expand without a limit. */
const ALIAS = /(^|[\s[{,:-])\*[^\s*]|<</m;

function locate(source: string, lineOffset: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, {
    schema: 'core',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const toLine = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  const errors = doc.errors.map((error) => ({
    line: error.pos[0] === undefined ? undefined : toLine(error.pos[0]),
    message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}; check indentation, colons and quotes`,
  }));
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      // "Excessive alias count": a document whose aliases would expand without end.
      const alias = /(^|[\s[{,:-])\*[^\s*]/m.exec(source);
      errors.push({
        line: alias ? toLine(alias.index) : undefined,
        message: `YAML aliases (*name) here expand to too much data; write the values out instead of repeating them through aliases`,
      });
    }
  }
  return {
    data,
    errors,
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = node && (node as Node).range ? toLine((node as Node).range![0]) : undefined;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find(
            (item) => isPair(item) && isScalar(item.key) && item.key.value === key,
          );
          if (!pair) break;
          const keyNode = pair.key as Node;
          if (keyNode.range) line = toLine(keyNode.range[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
          if (node && (node as Node).range) line = toLine((node as Node).range![0]);
          else break;
        } else break;
      }
      return line;
    },
  };
}

export interface ParsedMarkdown extends ParsedYaml {
  body: string;
  empty: boolean;
}

/**
 * Front matter is YAML only: an opening line such as `---js` or `---toml` (other tools' way to pick a
 * language, gray-matter even evaluated `---js` as JavaScript) is refused.
 */
const OTHER_LANGUAGE = /^\uFEFF?---[ \t]*([^\s-][^\r\n]*)\r?\n/;

/** The line a Markdown file's front matter opens with. */
const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

export function parseMarkdownFile(source: string): ParsedMarkdown {
  const language = OTHER_LANGUAGE.exec(source)?.[1];
  if (language !== undefined) {
    return {
      data: undefined,
      body: '',
      empty: false,
      errors: [
        {
          line: 1,
          message: `front matter must be YAML, but the first line asks for "${language}"; make it a plain "---" line`,
        },
      ],
      lineOf: () => 1,
    };
  }
  const split = splitFrontMatter(source);
  if (!split && OPENING.test(source)) {
    // It opens as front matter but never closes: saying it has none would contradict the first line.
    const message = 'its front matter has no closing --- line; add one after the last field';
    return { data: undefined, body: '', empty: false, errors: [{ line: 1, message }], lineOf: () => 1 };
  }
  if (!split) return { ...parseYaml('', 0), body: source.trim(), empty: source.trim() === '' };
  // Line 1 of the YAML is the file's second line, after the opening "---".
  const parsed = parseYaml(split.yaml, 1);
  return { ...parsed, body: split.body.trim(), empty: source.trim() === '' };
}

/**
 * A Markdown file's front matter and body, split the one way every reader and writer of content
 * does: the file opens with a line "---", and the front matter ends at the next line that is exactly
 * "---" (a "---" inside an indented message, or at the end of a longer line, does not end it).
 */
export function splitFrontMatter(
  source: string,
): { yaml: string; body: string; yamlStart: number } | undefined {
  const match = OPENING.exec(source);
  if (!match) return undefined;
  const rest = source.slice(match[0].length);
  const close = /^---[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) return undefined;
  return {
    yaml: rest.slice(0, close.index),
    body: rest.slice(close.index + close[0].length),
    yamlStart: match[0].length,
  };
}
