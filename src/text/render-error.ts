/**
 * A text the renderer failed on, named by its opening words: a bare "Maximum call stack size
 * exceeded" from deep in the parser names no file. `check` refuses what would fail here.
 */
export function renderError(markdown: string, error: unknown): Error {
  const opening = markdown.trim().split('\n')[0]!.slice(0, 60);
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `Could not render the Markdown text that begins "${opening}" (${reason}); run statusmark check, which names its file and line`,
  );
}
