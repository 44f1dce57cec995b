import { binaryReason, SNIFF_BYTES } from './binary.js';

/** What `readText` hands back: the input was text (and all of it was passed on), or why it looks binary. */
export type TextInputResult = { kind: 'text'; bytes: number } | { kind: 'binary'; reason: string };

/**
 * Decodes a byte stream as UTF-8 text and hands it to `onText` piece by piece, in constant memory:
 * the first 8 KiB are held back until they show the input is text (the test of `binaryReason`, as
 * `count` applies it), then each chunk goes on as it arrives. Bad bytes become U+FFFD and a leading
 * byte-order mark is kept, as the library's `countFile` reads files. `onText` may be async: the
 * next chunk is read once it has settled, so a slow consumer holds the reading back.
 */
export async function readText(chunks: AsyncIterable<Buffer>, onText: (text: string) => void | Promise<void>): Promise<TextInputResult> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let head: Buffer[] | undefined = [];
  let headBytes = 0;
  let bytes = 0;
  /** Decides on the held-back head; passes it on when it is text. */
  const sniff = async (complete: boolean): Promise<string | undefined> => {
    const joined = Buffer.concat(head ?? []);
    head = undefined;
    const reason = binaryReason(joined.subarray(0, SNIFF_BYTES), complete && joined.length <= SNIFF_BYTES);
    if (reason === undefined) await onText(decoder.decode(joined, { stream: true }));
    return reason;
  };
  for await (const chunk of chunks) {
    bytes += chunk.length;
    if (head === undefined) {
      await onText(decoder.decode(chunk, { stream: true }));
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes > SNIFF_BYTES) {
      const reason = await sniff(false);
      if (reason !== undefined) return { kind: 'binary', reason };
    }
  }
  if (head !== undefined) {
    const reason = await sniff(true);
    if (reason !== undefined) return { kind: 'binary', reason };
  }
  await onText(decoder.decode());
  return { kind: 'text', bytes };
}
