/**
 * The candidate merges of a long word, least (rank, left symbol) first: one bucket per rank and a
 * binary heap of the buckets' ranks. Within a bucket, candidates come in order of their left symbol
 * almost always — a word's first candidates are proposed left to right, and merges of one rank
 * happen left to right, proposing their successors as they go — so a bucket is an array read from
 * the front (FIFO), with a small heap by left symbol beside it for the few that arrive out of
 * order.
 *
 * Why not one binary heap of all candidates (as for short words, merge.ts): a megabyte without a
 * cut (`"a".repeat(2 ** 20)`) keeps about a million candidates waiting, almost all of a few ranks;
 * every pop of such a heap sifts through twenty levels of memory that no cache holds. Here a pop
 * touches the front of one array and a heap of a few dozen ranks.
 */
export class RankQueue {
  /** The buckets by key (see `push`). */
  readonly #buckets = new Map<number, Bucket>();
  /** Ranks with a non-empty bucket, as a binary min-heap, and their buckets' keys beside them. */
  #ranks = new Float64Array(64);
  #keys = new Int32Array(64);
  #rankCount = 0;
  #size = 0;
  /** The bucket last looked up, and its key. */
  #lastKey = -1;
  #lastBucket: Bucket | undefined;

  get size(): number {
    return this.#size;
  }

  /** Forgets the buckets when a word with many ranks has left many behind; the queue is empty between words. */
  trim(): void {
    if (this.#size === 0 && this.#buckets.size > 4096) {
      this.#buckets.clear();
      this.#lastKey = -1;
      this.#lastBucket = undefined;
    }
  }

  /**
   * Queues `candidate`, whose merge has rank `rank` and left symbol `left`. `key` is a small
   * integer that stands for the rank, one to one (a Map keyed by it is far faster than by a double).
   */
  push(rank: number, key: number, left: number, candidate: number): void {
    const bucket = this.#bucket(key);
    if (bucket.size === 0) this.#pushRank(rank, key);
    bucket.push(left, candidate);
    this.#size++;
  }

  /** Removes the least candidate and returns it; the queue must not be empty. */
  pop(): number {
    const bucket = this.#bucket(this.#keys[0]!);
    const candidate = bucket.pop();
    if (bucket.size === 0) this.#popRank();
    this.#size--;
    return candidate;
  }

  #bucket(key: number): Bucket {
    if (key === this.#lastKey) return this.#lastBucket!;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) this.#buckets.set(key, (bucket = new Bucket()));
    this.#lastKey = key;
    this.#lastBucket = bucket;
    return bucket;
  }

  #pushRank(rank: number, key: number): void {
    if (this.#rankCount === this.#ranks.length) {
      const ranks = new Float64Array(this.#ranks.length * 2);
      const keys = new Int32Array(this.#ranks.length * 2);
      ranks.set(this.#ranks);
      keys.set(this.#keys);
      this.#ranks = ranks;
      this.#keys = keys;
    }
    const ranks = this.#ranks;
    const keys = this.#keys;
    let i = this.#rankCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ranks[parent]! <= rank) break;
      ranks[i] = ranks[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    ranks[i] = rank;
    keys[i] = key;
  }

  #popRank(): void {
    const ranks = this.#ranks;
    const keys = this.#keys;
    const size = --this.#rankCount;
    const last = ranks[size]!;
    const lastKey = keys[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && ranks[child + 1]! < ranks[child]!) child++;
      if (last <= ranks[child]!) break;
      ranks[i] = ranks[child]!;
      keys[i] = keys[child]!;
      i = child;
    }
    ranks[i] = last;
    keys[i] = lastKey;
  }
}

/** The candidates of one rank: a FIFO of ascending left symbols, and a heap for the rest. */
class Bucket {
  #lefts = new Int32Array(16);
  #candidates = new Int32Array(16);
  #head = 0;
  #tail = 0;
  #heapLefts = new Int32Array(0);
  #heapCandidates = new Int32Array(0);
  #heapSize = 0;

  get size(): number {
    return this.#tail - this.#head + this.#heapSize;
  }

  clear(): void {
    this.#head = this.#tail = this.#heapSize = 0;
  }

  push(left: number, candidate: number): void {
    if (this.#tail === this.#head || this.#lefts[this.#tail - 1]! < left) {
      if (this.#tail === this.#lefts.length) this.#makeRoom();
      this.#lefts[this.#tail] = left;
      this.#candidates[this.#tail++] = candidate;
      return;
    }
    if (this.#heapSize === this.#heapLefts.length) {
      const size = Math.max(16, this.#heapSize * 2);
      const lefts = new Int32Array(size);
      const candidates = new Int32Array(size);
      lefts.set(this.#heapLefts);
      candidates.set(this.#heapCandidates);
      this.#heapLefts = lefts;
      this.#heapCandidates = candidates;
    }
    const lefts = this.#heapLefts;
    const candidates = this.#heapCandidates;
    let i = this.#heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (lefts[parent]! < left) break;
      lefts[i] = lefts[parent]!;
      candidates[i] = candidates[parent]!;
      i = parent;
    }
    lefts[i] = left;
    candidates[i] = candidate;
  }

  /** Removes the candidate of the least left symbol and returns it; the bucket must not be empty. */
  pop(): number {
    if (this.#heapSize === 0 || (this.#tail > this.#head && this.#lefts[this.#head]! < this.#heapLefts[0]!)) {
      const candidate = this.#candidates[this.#head++]!;
      if (this.#head === this.#tail) this.#head = this.#tail = 0;
      return candidate;
    }
    const lefts = this.#heapLefts;
    const candidates = this.#heapCandidates;
    const top = candidates[0]!;
    const size = --this.#heapSize;
    const left = lefts[size]!;
    const candidate = candidates[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && lefts[child + 1]! < lefts[child]!) child++;
      if (left < lefts[child]!) break;
      lefts[i] = lefts[child]!;
      candidates[i] = candidates[child]!;
      i = child;
    }
    lefts[i] = left;
    candidates[i] = candidate;
    return top;
  }

  /** Moves the FIFO to the front of its arrays, or doubles them when it fills more than half. */
  #makeRoom(): void {
    const count = this.#tail - this.#head;
    if (count * 2 <= this.#lefts.length && this.#head > 0) {
      this.#lefts.copyWithin(0, this.#head, this.#tail);
      this.#candidates.copyWithin(0, this.#head, this.#tail);
    } else {
      const lefts = new Int32Array(this.#lefts.length * 2);
      const candidates = new Int32Array(this.#lefts.length * 2);
      lefts.set(this.#lefts.subarray(this.#head, this.#tail));
      candidates.set(this.#candidates.subarray(this.#head, this.#tail));
      this.#lefts = lefts;
      this.#candidates = candidates;
    }
    this.#head = 0;
    this.#tail = count;
  }
}
