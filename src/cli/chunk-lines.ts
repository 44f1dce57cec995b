import { Buffer } from 'node:buffer';
import type { TextChunk } from '../index.js';

/** One line of `tokmeter split`'s output: the library's chunk and where it lies in the input's UTF-8 bytes. */
export interface ChunkLine extends TextChunk {
  /** The byte offset of `start` in the input read as UTF-8 (the file's own offset when the file is valid UTF-8). */
  startByte: number;
  /** The byte offset of `end`, exclusive. */
  endByte: number;
}

/**
 * Turns the chunks of one input, in order, into JSON lines with byte offsets. A chunk starts
 * inside or at the end of the one before (`overlap` tokens back, or where it ended), so its byte
 * offset is the one before's plus the UTF-8 length of the text between their starts: no more of
 * the input than the last chunk is needed. A lone surrogate counts as the 3 bytes of U+FFFD, as
 * the tokenizer reads it.
 */
export class ChunkLines {
  #previous: { chunk: TextChunk; startByte: number } | undefined;

  /** The chunks as JSON lines, each ending in a line feed. */
  lines(chunks: readonly TextChunk[]): string {
    let out = '';
    for (const chunk of chunks) out += `${JSON.stringify(this.#line(chunk))}\n`;
    return out;
  }

  #line(chunk: TextChunk): ChunkLine {
    const previous = this.#previous;
    const startByte = previous === undefined ? 0 : previous.startByte + Buffer.byteLength(previous.chunk.text.slice(0, chunk.start - previous.chunk.start), 'utf8');
    this.#previous = { chunk, startByte };
    return { ...chunk, startByte, endByte: startByte + Buffer.byteLength(chunk.text, 'utf8') };
  }
}
