/**
 * Text written to a counter and not yet counted: the chunks as they came, addressed by absolute
 * position in the stream (UTF-16 units since its start). Kept as chunks rather than one string
 * that grows: reading a string built by `+=` flattens it, a copy of all of it each time.
 */
export class PendingText {
  #chunks: string[] = [];
  /** The absolute position of each chunk's first unit. */
  #starts: number[] = [];
  /** The first chunk still held. */
  #head = 0;
  #start = 0;
  #end = 0;

  /** The position of the first unit held. */
  get start(): number {
    return this.#start;
  }

  /** The position after the last unit held. */
  get end(): number {
    return this.#end;
  }

  /** How many units are held. */
  get length(): number {
    return this.#end - this.#start;
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#starts.push(this.#end);
    this.#end += chunk.length;
  }

  /** Removes the text before position `to` and returns it. */
  take(to: number): string {
    const parts: string[] = [];
    this.#visit(this.#start, to, (chunk, from, end) => {
      parts.push(from === 0 && end === chunk.length ? chunk : chunk.slice(from, end));
    });
    this.#start = to;
    while (this.#head < this.#chunks.length && this.#starts[this.#head]! + this.#chunks[this.#head]!.length <= to) this.#head++;
    if (this.#head > 64 && this.#head * 2 > this.#chunks.length) {
      this.#chunks.splice(0, this.#head);
      this.#starts.splice(0, this.#head);
      this.#head = 0;
    }
    return parts.length === 1 ? parts[0]! : parts.join('');
  }

  /** The text from position `from` to the end. */
  from(from: number): string {
    const parts: string[] = [];
    this.#visit(from, this.#end, (chunk, start, end) => parts.push(chunk.slice(start, end)));
    return parts.join('');
  }

  /** Calls `visit(chunk, start, end, base)` for the parts of the chunks in [from, to); `base` is the position of the chunk's first unit. */
  forEach(from: number, to: number, visit: (chunk: string, start: number, end: number, base: number) => void): void {
    this.#visit(from, to, (chunk, start, end, base) => visit(chunk, start, end, base));
  }

  #visit(from: number, to: number, visit: (chunk: string, start: number, end: number, base: number) => void): void {
    for (let k = this.#head; k < this.#chunks.length; k++) {
      const base = this.#starts[k]!;
      const chunk = this.#chunks[k]!;
      if (base >= to) break;
      if (base + chunk.length <= from) continue;
      visit(chunk, Math.max(from - base, 0), Math.min(to - base, chunk.length), base);
    }
  }
}
