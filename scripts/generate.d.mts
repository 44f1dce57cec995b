/** Types of scripts/generate.mjs, for the tests that import it. */
export interface Generator {
  /** The script, from the repository root: `scripts/generate-kernel.mjs`. */
  readonly script: string;
  /** What it makes, as its stale message says it. */
  readonly makes: string;
}

export declare const GENERATORS: readonly Generator[];
