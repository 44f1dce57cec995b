import type { EncodingName } from 'tokmeter';

/**
 * What the page and its counting workers (count-pool.ts, count-worker.ts) say to each other.
 * Structured-cloned both ways: plain objects, strings and arrays only.
 */

/** The encodings' rank data as tokmeter's data modules hold it (base64), by module name: `o200k_base`, … */
export type RankData = Readonly<Record<string, string>>;

/** The data modules each encoding reads: `p50k_edit` → `['p50k_base', 'r50k_base']`. */
export type RankModules = Readonly<Record<string, readonly string[]>>;

/** The page to a worker. */
export type ToWorker =
  /**
   * First and once: the encodings to load now, and their rank data (the page's own copy; the
   * worker's bundle has none). Each message carries the data modules its encodings read that
   * were not sent to this worker before.
   */
  | { readonly kind: 'start'; readonly rankData: RankData; readonly warm: readonly EncodingName[] }
  /** Count each text in each encoding. */
  | { readonly kind: 'count'; readonly job: number; readonly encodings: readonly EncodingName[]; readonly texts: readonly string[]; readonly rankData: RankData };

/** A worker to the page. */
export type FromWorker =
  /** The encodings asked for in `start` are loaded and their counting code has run: the worker is ready. */
  | { readonly kind: 'ready'; readonly ms: number }
  /** `counts[e * texts.length + i]` is text i's count in encoding e of the job. */
  | { readonly kind: 'counted'; readonly job: number; readonly counts: readonly number[] }
  /** Something threw: the page stops using the workers and counts on its own thread. */
  | { readonly kind: 'failed'; readonly job: number | null; readonly message: string };
