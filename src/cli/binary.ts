/** How many leading bytes decide whether a file is text, as git and grep do with theirs. */
export const SNIFF_BYTES = 8192;

/**
 * Why `head` (a file's first bytes) looks binary, or undefined for text: a NUL byte, or bytes that
 * are not UTF-8. `complete` says `head` is the whole file; otherwise a character cut at the end of
 * the sample is not held against it.
 */
export function binaryReason(head: Uint8Array, complete: boolean): string | undefined {
  if (head.includes(0)) return 'binary (a NUL byte in the first 8 KiB)';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
  } catch {
    return complete && head.length <= SNIFF_BYTES ? 'binary (not UTF-8 text)' : 'binary (not UTF-8 text in the first 8 KiB)';
  }
  return undefined;
}
