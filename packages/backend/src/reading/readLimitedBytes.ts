import { InputError } from '@callboard/common';

export const DEFAULT_MAX_BYTES = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function tooLarge(url: string, maxBytes: number): InputError {
  return new InputError(
    `${url} is too large to read: it is over the limit of ${formatBytes(maxBytes)}. Split the file, or read it with a higher maxBytes.`,
  );
}

interface LimitOptions {
  url: string;
  maxBytes: number;
  contentLength?: string | null | undefined;
}

/**
 * Reads a body chunk by chunk and stops as soon as it passes maxBytes, so a
 * huge or endless response costs at most maxBytes of memory. A declared
 * Content-Length over the limit is refused before reading at all.
 */
export async function readLimitedBytes(body: ReadableStream<Uint8Array> | null, options: LimitOptions): Promise<Buffer> {
  const { url, maxBytes } = options;
  const declared = options.contentLength ? Number(options.contentLength) : Number.NaN;
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

