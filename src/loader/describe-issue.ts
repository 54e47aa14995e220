import type { z } from 'astro/zod';
import { listOf } from '../schemas/common.ts';
import { closest } from '../text/words.ts';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Follows a path through object, array, optional, default and pipe schemas. */
function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  const unwrap = (s: AnySchema): AnySchema => {
    const def = s._zod.def as unknown as {
      type: string;
      innerType?: AnySchema;
      in?: AnySchema;
      out?: AnySchema;
    };
    if (
      (def.type === 'optional' ||
        def.type === 'default' ||
        def.type === 'nullable' ||
        def.type === 'prefault') &&
      def.innerType
    )
      return unwrap(def.innerType);
    // z.preprocess is a pipe from a transform into the real schema: follow the schema.
    if (def.type === 'pipe' && def.in && def.in._zod.def.type === 'transform' && def.out)
      return unwrap(def.out);
    if (def.type === 'pipe' && def.in) return unwrap(def.in);
    return s;
  };
  for (const key of path) {
    if (!current) return undefined;
    const def = unwrap(current)._zod.def as unknown as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
    };
    if (def.type === 'object' && def.shape && typeof key === 'string') current = def.shape[key];
    else if (def.type === 'array' && def.element) current = def.element;
    else return undefined;
  }
  return current ? unwrap(current) : undefined;
}

function knownKeys(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const def = schemaAt(schema, path)?._zod.def as unknown as
    { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping of fields';
  if (typeof value === 'string') return `the text "${value}"`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'a mapping of fields',
};

export interface Described {
  path: PropertyKey[];
  message: string;
  /** For an unknown key: the known key it is one small edit away from. */
  guess?: string;
  /** For a required field that is absent. */
  missing?: boolean;
}

/** What to write for a missing field, in the author's words rather than a type name. */
const MISSING_WORDS: Record<string, string> = {
  string: 'a value',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'its fields, indented below it',
};

/**
 * An unknown key that is one edit away from a missing required key is one mistake, not two: it is
 * reported once, on the misspelled key's line, and the "missing" report for that key is dropped.
 */
export function mergeMisspellings(described: Described[]): Described[] {
  const same = (a: readonly PropertyKey[], b: readonly PropertyKey[]) =>
    a.length === b.length && a.every((part, i) => part === b[i]);
  const misspelt = described.filter((d) => d.guess !== undefined);
  return described.filter(
    (d) => !(d.missing && misspelt.some((m) => same([...m.path.slice(0, -1), m.guess!], d.path))),
  );
}

/** Turns a Zod issue into what happened and how to fix it, in the author's terms. */
export function describeIssue(issue: Issue, schema: AnySchema): Described[] {
  const path = [...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        return {
          path: [...path, key],
          message: guess
            ? `is not a known field; did you mean "${guess}"?`
            : `is not a known field; known fields here are ${listOf(known)}`,
          ...(guess ? { guess } : {}),
        };
      });
    }
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (issue.input === undefined) {
        const key = path.at(-1);
        const what = MISSING_WORDS[issue.expected] ?? expected;
        const message =
          typeof key === 'string' ? `is missing; add "${key}:" with ${what}` : `is missing; add ${what}`;
        return [{ path, message, missing: true }];
      }
      const hint =
        issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')
          ? `; put it in quotes: "${String(issue.input)}"`
          : '';
      return [{ path, message: `must be ${expected}, got ${describeValue(issue.input)}${hint}` }];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const input = typeof issue.input === 'string' ? issue.input : undefined;
      const guess = input === undefined ? undefined : closest(input, values);
      const got = describeValue(issue.input);
      return [
        {
          path,
          message: `must be one of ${listOf(values)}, got ${got}${guess ? `; did you mean "${guess}"?` : ''}`,
        },
      ];
    }
    case 'too_small':
      if (issue.origin === 'array')
        return [
          {
            path,
            message: issue.message.startsWith('Too small')
              ? `must have at least ${String(issue.minimum)} item(s)`
              : issue.message,
          },
        ];
      if (issue.origin === 'string')
        return [
          { path, message: issue.message.startsWith('Too small') ? 'must not be empty' : issue.message },
        ];
      return [
        {
          path,
          message: issue.message.startsWith('Too small')
            ? `must be at least ${String(issue.minimum)}`
            : issue.message,
        },
      ];
    case 'too_big':
      return [
        {
          path,
          message: issue.message.startsWith('Too big')
            ? `must be at most ${String(issue.maximum)}`
            : issue.message,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}
