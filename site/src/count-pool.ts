import type { EncodingName } from 'tokmeter';
import type { FromWorker, RankData, RankModules, ToWorker } from './count-messages.js';
import type { Block } from './text-blocks.js';

/**
 * Web Workers that count a long text's blocks (text-blocks.ts) off the page's thread, for a big
 * paste; a keystroke's block or two are still counted on the page's thread (main.ts). Each worker
 * runs count-worker.ts from a blob: URL made of its bundled source, which the page carries as a
 * string (so it starts from file:// and from any host, fetching nothing), and gets the rank data
 * from the page: the data an encoding needs is posted with the first message that needs it (the
 * start, for the encodings loaded then; a count, for another), each worker started in a task of
 * its own, so that no one task of the page's copies megabytes to every worker. Loading an encoding
 * and compiling the counting code take a worker some 70-150 ms of its own: that happens when the
 * page starts the pool, after loading, and `state` says when it is over; until then the page
 * counts on its own. A worker that fails, or has not answered a share in `ANSWER_TIMEOUT_MS`,
 * stops them all.
 *
 * A block's count is the same whoever counts it (the same tokmeter, the same text), so an answer is
 * written into the blocks it was asked for, even when the text has changed since: a block the
 * edit left alone is still in the page's blocks, and one it replaced is no longer read. Which
 * answer is shown is the page's business: it shows the counts of its current blocks only.
 */
export interface CountPoolOptions {
  /** The worker's bundled source (scripts/build-site.mjs embeds it). */
  readonly source: string;
  /** tokmeter's rank data, each module posted to each worker once, when first needed. */
  readonly rankData: RankData;
  /** The data modules each encoding reads. */
  readonly rankModules: RankModules;
  /** How many workers. */
  readonly size: number;
  /** Encodings each worker loads at start. */
  readonly warm: readonly EncodingName[];
}

/** A worker that has not answered a share of a paste in this long is taken for dead (a megabyte takes it well under a second). */
const ANSWER_TIMEOUT_MS = 20_000;

/** The pool's state, for the page to show and the tests to read. */
export type PoolState = 'starting' | 'ready' | 'failed';

interface Pending {
  readonly blocks: readonly Block[];
  readonly encoding: EncodingName;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class CountPool {
  readonly size: number;
  /** Main-thread ms spent starting the pool (making the blob and the workers, posting their start), in `size + 1` tasks. */
  startMs = 0;
  /** `performance.now()` when every worker was ready, or undefined. */
  readyAt: number | undefined;
  /** The longest a worker took to load its encodings and count its first text (its own clock). */
  warmMs = 0;
  #workers: Worker[] = [];
  /** The data modules posted to each worker so far. */
  #posted: Set<string>[] = [];
  #rankData: RankData;
  #rankModules: RankModules;
  #url: string;
  #readyCount = 0;
  #failure: Error | null = null;
  #pending = new Map<number, Pending>();
  #nextJob = 1;
  #nextWorker = 0;
  /** The blocks being counted, per encoding, and the answer each waits for. */
  #inFlight = new Map<EncodingName, WeakMap<Block, Promise<void>>>();
  #onChange: (state: PoolState) => void;

  /** Starts `options.size` workers; null where the page cannot make a worker from a blob (no Worker, a CSP that forbids it). */
  static start(options: CountPoolOptions, onChange: (state: PoolState) => void): CountPool | null {
    if (options.size < 1 || typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') return null;
    try {
      return new CountPool(options, onChange);
    } catch {
      return null;
    }
  }

  private constructor({ source, rankData, rankModules, size, warm }: CountPoolOptions, onChange: (state: PoolState) => void) {
    const started = performance.now();
    this.size = size;
    this.#onChange = onChange;
    this.#rankData = rankData;
    this.#rankModules = rankModules;
    this.#url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    try {
      for (let i = 0; i < size; i++) {
        const worker = new Worker(this.#url, { name: `tokmeter-count-${i + 1}` });
        worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.#receive(event.data));
        worker.addEventListener('error', (event) => this.#fail(new Error(`a counting worker failed: ${event.message || 'it could not start'}`)));
        worker.addEventListener('messageerror', () => this.#fail(new Error('a counting worker sent a message that could not be read')));
        this.#workers.push(worker);
        this.#posted.push(new Set());
      }
    } catch (error) {
      this.#stop();
      throw error;
    }
    this.startMs = performance.now() - started;
    this.#startWorker(0, warm);
  }

  /** Posts worker `i` its start (with its encodings' data), then the next worker's in a task of its own. */
  #startWorker(i: number, warm: readonly EncodingName[]): void {
    if (this.#failure !== null || i >= this.#workers.length) return;
    const started = performance.now();
    try {
      this.#post(this.#workers[i]!, { kind: 'start', rankData: this.#dataFor(i, warm), warm });
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.startMs += performance.now() - started;
    setTimeout(() => this.#startWorker(i + 1, warm), 0);
  }

  /** The data modules `encodings` read that worker `i` has not been sent yet; marks them sent. */
  #dataFor(i: number, encodings: readonly EncodingName[]): RankData {
    const data: Record<string, string> = {};
    for (const encoding of encodings) {
      const modules = this.#rankModules[encoding];
      if (modules === undefined) throw new Error(`the page has no rank data for ${encoding}`);
      for (const module of modules) {
        if (this.#posted[i]!.has(module)) continue;
        const base64 = this.#rankData[module];
        if (base64 === undefined) throw new Error(`the page has no rank data module ${module}`);
        data[module] = base64;
        this.#posted[i]!.add(module);
      }
    }
    return data;
  }

  get state(): PoolState {
    if (this.#failure !== null) return 'failed';
    return this.#readyCount === this.#workers.length ? 'ready' : 'starting';
  }

  /**
   * Counts in the workers every block of `blocks` that has no count yet in one of `encodings`,
   * and writes the counts into the blocks. Blocks already being counted for an earlier call are
   * not sent again: this waits for their answer too. Rejects if a worker fails.
   */
  count(blocks: readonly Block[], encodings: readonly EncodingName[]): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const waits: Promise<void>[] = [];
    for (const encoding of encodings) {
      let inFlight = this.#inFlight.get(encoding);
      if (inFlight === undefined) this.#inFlight.set(encoding, (inFlight = new WeakMap()));
      const fresh: Block[] = [];
      const already = new Set<Promise<void>>();
      for (const block of blocks) {
        if (block.counts.has(encoding)) continue;
        const answer = inFlight.get(block);
        if (answer === undefined) fresh.push(block);
        else already.add(answer);
      }
      waits.push(...already);
      for (const share of shares(fresh, this.#workers.length)) {
        const answer = this.#send(share, encoding);
        for (const block of share) inFlight.set(block, answer);
        const forget = () => share.forEach((block) => inFlight.delete(block));
        answer.then(forget, forget);
        waits.push(answer);
      }
    }
    return Promise.all(waits).then(() => undefined);
  }

  #send(blocks: readonly Block[], encoding: EncodingName): Promise<void> {
    const job = this.#nextJob++;
    const i = this.#nextWorker++ % this.#workers.length;
    let rankData: RankData;
    try {
      rankData = this.#dataFor(i, [encoding]);
    } catch (error) {
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      return Promise.reject(this.#failure);
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.#fail(new Error(`a counting worker did not answer in ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS);
      this.#pending.set(job, { blocks, encoding, resolve, reject, timer });
      this.#post(this.#workers[i]!, { kind: 'count', job, encodings: [encoding], texts: blocks.map((block) => block.text), rankData });
    });
  }

  #post(worker: Worker, message: ToWorker): void {
    worker.postMessage(message);
  }

  #receive(message: FromWorker): void {
    if (this.#failure !== null) return;
    if (message.kind === 'ready') {
      this.#readyCount++;
      this.warmMs = Math.max(this.warmMs, message.ms);
      if (this.#readyCount === this.#workers.length) {
        this.readyAt = performance.now();
        // Every worker has read its script: the URL is no longer needed.
        URL.revokeObjectURL(this.#url);
        this.#onChange('ready');
      }
    } else if (message.kind === 'counted') {
      const pending = this.#pending.get(message.job);
      if (pending === undefined) return;
      this.#pending.delete(message.job);
      clearTimeout(pending.timer);
      if (message.counts.length !== pending.blocks.length) {
        this.#fail(new Error(`a counting worker answered ${message.counts.length} counts for ${pending.blocks.length} blocks`));
        return;
      }
      pending.blocks.forEach((block, i) => block.counts.set(pending.encoding, message.counts[i]!));
      pending.resolve();
    } else {
      this.#fail(new Error(`a counting worker failed: ${message.message}`));
    }
  }

  /** Stops every worker and rejects every waiting count: from now on the page counts on its own thread. */
  #fail(error: Error): void {
    if (this.#failure !== null) return;
    this.#failure = error;
    this.#stop();
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
    this.#onChange('failed');
  }

  #stop(): void {
    for (const worker of this.#workers) worker.terminate();
    URL.revokeObjectURL(this.#url);
  }
}

/** `blocks` in at most `n` runs in order, of about the same number of UTF-16 units each. */
function shares(blocks: readonly Block[], n: number): Block[][] {
  const total = blocks.reduce((sum, block) => sum + block.text.length, 0);
  const runs: Block[][] = [];
  let run: Block[] = [];
  let units = 0;
  for (const block of blocks) {
    run.push(block);
    units += block.text.length;
    if (units >= (total * (runs.length + 1)) / n && runs.length < n - 1) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
