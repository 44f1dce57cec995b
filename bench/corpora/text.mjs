// Small text helpers used to prepare the corpora: cutting text into documents of a target size,
// stripping the UDHR HTML, and a seeded PRNG so that every "random" input is the same on each run.

export const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');

/**
 * Cut `text` into documents of at most `targetBytes` UTF-8 bytes. Each cut goes at the last line break
 * in the final quarter of the window, else the last space there, else the last whole code point, so
 * documents end where a writer would split a file and never inside a surrogate pair.
 */
export function cutIntoDocs(text, targetBytes = 8192) {
  const docs = [];
  let start = 0;
  while (start < text.length) {
    let end = start;
    let bytes = 0;
    while (end < text.length) {
      const cp = text.codePointAt(end);
      const width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + width > targetBytes) break;
      bytes += width;
      end += cp > 0xffff ? 2 : 1;
    }
    if (end < text.length) {
      const floor = start + Math.floor((end - start) * 0.75);
      const newline = text.lastIndexOf('\n', end - 1);
      const space = text.lastIndexOf(' ', end - 1);
      if (newline >= floor) end = newline + 1;
      else if (space >= floor) end = space + 1;
    }
    docs.push(text.slice(start, end));
    start = end;
  }
  return docs;
}

/** `count` items spread evenly over `items` (first, last and those between), in order. */
export function pickEvenly(items, count) {
  if (items.length <= count) return items.slice();
  const picked = [];
  for (let i = 0; i < count; i++) picked.push(items[Math.floor((i * items.length) / count)]);
  return picked;
}

/** Take documents from the front of `docs` until `maxBytes` would be exceeded. */
export function takeBytes(docs, maxBytes) {
  const taken = [];
  let total = 0;
  for (const doc of docs) {
    const size = utf8Bytes(doc);
    if (total + size > maxBytes && taken.length > 0) break;
    taken.push(doc);
    total += size;
  }
  return taken;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The visible text of a UDHR declaration: one line per heading, paragraph or list item. */
export function udhrText(html) {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<\/(h1|h2|h3|p|li)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
      if (name[0] === '#') {
        const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return String.fromCodePoint(cp);
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Remembers the units (lines, sentences, verses, poems) it has kept, so that a corpus never holds the
 * same long unit twice: a library that memoises long pieces or whole inputs must not be timed on text
 * it has already seen. Units shorter than `minChars` (a closing brace, a one-word line) are always kept.
 */
export class Deduplicator {
  #seen = new Set();
  constructor(minChars = 40) {
    this.minChars = minChars;
  }
  /** The units of `units` not seen before, in order; they are remembered. */
  keep(units) {
    return units.filter((unit) => {
      const key = unit.trim();
      if (key.length < this.minChars) return true;
      if (this.#seen.has(key)) return false;
      this.#seen.add(key);
      return true;
    });
  }
}

/** Round-robin over several lists: a[0], b[0], c[0], a[1], b[1], … until every list is used up. */
export function interleave(lists) {
  const out = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}

/**
 * Two disjoint slices of `pool` for the fresh-text figure: `warmup` (about `warmupBytes`, counted off
 * the clock so the JIT is warm) and `measured` (about `measuredBytes`, timed). Documents are picked
 * evenly over the pool and dealt to the two slices in proportion, so both have the same mix (genres,
 * languages, files). Where the pool is smaller than both targets together, the warm-up slice shrinks
 * first, down to `minWarmupBytes`, then the measured slice takes what is left. Throws if any
 * document occurs twice, within a slice or across the two.
 */
export function freshSlices(pool, { warmupBytes, measuredBytes, minWarmupBytes }) {
  const sizes = pool.map(utf8Bytes);
  const poolBytes = sizes.reduce((a, b) => a + b, 0);
  const warmTarget = Math.min(warmupBytes, Math.max(minWarmupBytes, poolBytes - measuredBytes));
  const measuredTarget = Math.min(measuredBytes, poolBytes - warmTarget);
  const need = warmTarget + measuredTarget;
  // Spread the picks over the whole pool, taking more documents until they hold enough bytes.
  let picked = pool.map((doc, i) => ({ doc, bytes: sizes[i] }));
  for (let n = Math.min(pool.length, Math.ceil((need / poolBytes) * pool.length)); n < pool.length; n = Math.min(pool.length, Math.ceil(n * 1.05) + 1)) {
    const candidate = pickEvenly(picked, n);
    if (candidate.reduce((sum, d) => sum + d.bytes, 0) >= need + 2 * 8192) {
      picked = candidate;
      break;
    }
  }
  const warmup = [];
  const measured = [];
  let warm = 0;
  let timed = 0;
  const share = warmTarget / need;
  for (const { doc, bytes } of picked) {
    const warmFull = warm >= warmTarget;
    const timedFull = timed >= measuredTarget;
    if (warmFull && timedFull) break;
    const warmBehind = warm / Math.max(1, warm + timed) < share;
    if (!warmFull && (warmBehind || timedFull)) {
      warmup.push(doc);
      warm += bytes;
    } else {
      measured.push(doc);
      timed += bytes;
    }
  }
  const all = [...warmup, ...measured];
  if (new Set(all).size !== all.length) throw new Error('tokmeter bench: a document occurs twice in the fresh-text slices');
  return { warmup, measured, poolBytes };
}
