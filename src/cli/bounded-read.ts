/**
 * The first bytes of a response's body, and no more: the download stops there, so that a server (or
 * something posing as one) answering with gigabytes costs what the limit allows. `truncated` says
 * whether the body went on past `maxBytes`.
 */
export async function readBounded(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // One byte past the limit is enough to know the body is longer than that.
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return {
    text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'),
    truncated: size > maxBytes,
  };
}
