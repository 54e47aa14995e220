import type { Component } from '../../schemas/component.ts';
import type { SchemaContext } from '../../schemas/common.ts';
import type { Site } from '../../schemas/site.ts';
import type { BuildClock } from '../../time/clock.ts';
import type { ProblemCollector } from '../problem.ts';
import type { SourceFile } from '../read-tree.ts';
import type { ParsedSource } from './source-rules.ts';

/**
 * What the rules share. Each rule is a function named for what it checks; it reports what is wrong
 * to a ProblemCollector and never stops at the first problem, so one run of check shows them all.
 */

/** A YAML file that could be read, and its value when its schema accepted it. */
export interface ReadFile<T> {
  file: string;
  yaml: ParsedSource;
  value: T | undefined;
}

/** site.yaml and components.yaml as far as they could be read: what the other rules check against. */
export interface SiteFiles {
  site?: ReadFile<Site>;
  components?: ReadFile<Component[]>;
  /** From the valid site, else the ids its list names, else the default scale's. */
  severityIds: Set<string>;
  /** From the valid components, else the ids the list names, so one mistake hides no reference. */
  componentIds: Set<string>;
}

/** What the rules of content entries know beyond their own file. */
export interface RuleContext {
  clock: BuildClock;
  schema: SchemaContext;
  files: SiteFiles;
}

/** One Markdown entry file that parsed, valid or not. */
export interface EntryFile {
  source: SourceFile;
  yaml: ParsedSource;
}

/** A rule on a file that parsed, run whether or not its schema accepts it. */
export type FileRule = (file: EntryFile, report: ProblemCollector, context: RuleContext) => void;

/** A rule on an entry its schema accepted. */
export type EntryRule<T> = (
  entry: T,
  file: EntryFile,
  report: ProblemCollector,
  context: RuleContext,
) => void;
