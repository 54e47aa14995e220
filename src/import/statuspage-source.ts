import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readBounded } from '../cli/bounded-read.ts';
import { CommandError, UsageError } from '../cli/errors.ts';

/**
 * A Statuspage document from a file or an address, read no further than a limit: an address that
 * streams without end (or a wrong file) ends the import with a message, never with the memory.
 */

/** The largest source document read: a Statuspage export of years of incidents is a few megabytes. */
export const MAX_SOURCE_BYTES = 50_000_000;

const megabytes = (bytes: number) => `${Math.round((bytes / 1e6) * 10) / 10} MB`;

/** The document's JSON; `maxBytes` is for tests, which need a small limit to stay quick. */
export async function readSource(source: string, maxBytes = MAX_SOURCE_BYTES): Promise<unknown> {
  const text = /^https?:\/\//i.test(source)
    ? await fetchText(source, maxBytes)
    : readFileText(source, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CommandError(
      `${source}: is not JSON (${jsonMistake((error as Error).message, text)}); give Statuspage API documents such as incidents.json, as Statuspage serves them`,
    );
  }
}

/**
 * Where and what the JSON parser found, without what it quotes: the document may hold what must not
 * be printed (a key in a file given by mistake).
 */
function jsonMistake(message: string, text: string): string {
  if (/^Unexpected end/.test(message)) return 'it ends too early';
  const position = /at position (\d+)/.exec(message);
  if (!position) return 'an unexpected character';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${message.replace(/ in JSON at position.*$/s, '').toLowerCase()}`;
}

function readFileText(source: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${source}: no such file`);
    throw new CommandError(`${source}: could not be opened (${code ?? 'unknown error'})`);
  }
  try {
    const stat = fstatSync(fd);
    // A folder, a pipe or a device has no end to read to: only a regular file is a document.
    if (!stat.isFile())
      throw new UsageError(`${source}: is not a file; give a saved Statuspage JSON document`);
    if (stat.size > maxBytes)
      throw new CommandError(
        `${source}: is ${megabytes(stat.size)}, more than the ${megabytes(maxBytes)} read`,
      );
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, null);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function fetchText(source: string, maxBytes: number): Promise<string> {
  const url = new URL(source);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local)
    throw new UsageError(
      `${source}: only https:// addresses are fetched (or a file: save the document first)`,
    );
  const controller = new AbortController();
  const timeout = AbortSignal.timeout(30_000);
  const failed = (error: unknown) =>
    new CommandError(
      `${source}: could not be fetched (${timeout.aborted ? 'no answer within 30 s' : (error as Error).message})`,
    );
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.any([controller.signal, timeout]),
      redirect: 'follow',
    });
  } catch (error) {
    throw failed(error);
  }
  const tooLarge = (size?: string) =>
    new CommandError(
      `${source}: is ${size ? `${size}, more than` : 'more than'} the ${megabytes(maxBytes)} read; is it a Statuspage API document?`,
    );
  try {
    if (!response.ok) throw new CommandError(`${source}: the server answered HTTP ${response.status}`);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > maxBytes) throw tooLarge(megabytes(length));
    return await readLimited(response, maxBytes, () => tooLarge());
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw failed(error);
  } finally {
    // Whatever was not read is not wanted: the connection ends here, not when the server is done.
    controller.abort();
  }
}

/** The body as text, read chunk by chunk; past the limit, reading stops and `tooLarge` is thrown. */
async function readLimited(response: Response, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const read = await readBounded(response, maxBytes);
  if (read.truncated) throw tooLarge();
  return read.text;
}
