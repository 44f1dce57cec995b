// Two modules that scripts/build-site.mjs makes while bundling (they exist in no file):

/**
 * In the page: the base64 rank data of each of tokmeter's data modules (`encodings/<name>.js`),
 * the very modules the web build imports, so the page holds them once.
 */
declare module 'tokmeter-rank-data' {
  export const rankData: Readonly<Record<string, string>>;
  /** The data modules each encoding's one-encoding entry (`tokmeter/encoding/<name>`) reads: `p50k_edit` → `['p50k_base', 'r50k_base']`. */
  export const rankModules: Readonly<Record<string, readonly string[]>>;
}

/**
 * In the counting worker: the same data modules as empty slots, and the one call that fills them
 * from the data the page posts. tokmeter reads a module's data only when an encoding is first
 * loaded, so the slots an encoding reads are filled before that.
 */
declare module 'tokmeter-rank-slots' {
  /** Fills the slots `data` names; throws for a name that is no slot. */
  export function provideRankData(data: Readonly<Record<string, string>>): void;
}
