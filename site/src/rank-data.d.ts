// Two modules that scripts/build-site.mjs makes while bundling (they exist in no file):

/**
 * In the page: the base64 rank data of each of tokmeter's data modules (`encodings/<name>.js`),
 * the very modules the web build imports, so the page holds them once.
 */
declare module 'tokmeter-rank-data' {
  export const rankData: Readonly<Record<string, string>>;
}

/**
 * In the counting worker: the same data modules as empty slots, and the one call that fills them
 * from the data the page posts. tokmeter reads a module's data only when an encoding is first
 * loaded, so the slots are filled before that.
 */
declare module 'tokmeter-rank-slots' {
  /** Fills every slot; throws if `data` lacks one of them. */
  export function provideRankData(data: Readonly<Record<string, string>>): void;
}
