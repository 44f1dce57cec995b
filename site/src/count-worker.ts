// A counting worker of the playground page (count-pool.ts starts them). scripts/build-site.mjs
// bundles this file with tokmeter's web build into a classic worker script and embeds it in the
// page as a string, which the page starts from a blob: URL (that works from file:// too). It counts
// with the package's one-encoding entries (`tokmeter/encoding/<name>`), which leave out the
// pricing, chat and validation code the page has: ~0.1 MB of script. The bundle holds no rank data:
// its imports of tokmeter's data modules are replaced by empty slots (`tokmeter-rank-slots`),
// which the page fills from its own copy with the first message that needs each, so the ranks are
// in the page once.
import type { EncodingName } from 'tokmeter';
import { countTokens as cl100kBase } from 'tokmeter/encoding/cl100k_base';
import { countTokens as o200kBase } from 'tokmeter/encoding/o200k_base';
import { countTokens as o200kHarmony } from 'tokmeter/encoding/o200k_harmony';
import { countTokens as p50kBase } from 'tokmeter/encoding/p50k_base';
import { countTokens as p50kEdit } from 'tokmeter/encoding/p50k_edit';
import { countTokens as r50kBase } from 'tokmeter/encoding/r50k_base';
import { provideRankData } from 'tokmeter-rank-slots';
import type { FromWorker, ToWorker } from './count-messages.js';

/** Each encoding's count, as `getEncoding(name).count` gives it on the page (the same core, the same data). */
const COUNTERS: Record<EncodingName, (text: string) => number> = {
  r50k_base: r50kBase,
  p50k_base: p50kBase,
  p50k_edit: p50kEdit,
  cl100k_base: cl100kBase,
  o200k_base: o200kBase,
  o200k_harmony: o200kHarmony,
};

/** The worker's global scope, as far as this file uses it (site/tsconfig.json has the DOM's types, not a worker's). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { readonly data: ToWorker }) => void): void;
  postMessage(message: FromWorker): void;
}

const scope = globalThis as unknown as WorkerScope;

/**
 * Fresh text for the first count of each encoding: made-up words, digits, CJK, emoji and code,
 * about 12K UTF-16 units, different every time, so the merge loops run (a repeated text would be
 * answered from the core's memo of pieces) and are compiled before a paste needs them.
 */
function warmText(): string {
  const syllables = ['ka', 'to', 'ren', 'mi', 'sol', 've', 'dra', 'qu', 'lin', 'op', 'th', 'ess', 'un', 'por'];
  const parts: string[] = [];
  let seed = (Math.random() * 0x7fffffff) | 0;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 1_500; i++) {
    parts.push(syllables[next(syllables.length)]! + syllables[next(syllables.length)]!);
    if (i % 10 === 3) parts.push(String(next(1_000_000)));
    if (i % 50 === 7) parts.push(Array.from({ length: 12 }, () => String.fromCodePoint(0x4e00 + next(0x5200))).join('') + '。');
    if (i % 70 === 9) parts.push('👋🏽 🇯🇵 ❤️', `{"x": [${next(99)}, ${next(99)}]}\n`);
  }
  return parts.join(' ');
}

function reply(message: FromWorker): void {
  scope.postMessage(message);
}

function handle(message: ToWorker): void {
  provideRankData(message.rankData);
  if (message.kind === 'start') {
    const started = performance.now();
    for (const name of message.warm) COUNTERS[name](warmText());
    reply({ kind: 'ready', ms: performance.now() - started });
    return;
  }
  const { job, encodings, texts } = message;
  const counts: number[] = [];
  for (const name of encodings) {
    const count = COUNTERS[name];
    for (const text of texts) counts.push(count(text));
  }
  reply({ kind: 'counted', job, counts });
}

scope.addEventListener('message', ({ data }) => {
  try {
    handle(data);
  } catch (error) {
    reply({ kind: 'failed', job: data.kind === 'count' ? data.job : null, message: error instanceof Error ? error.message : String(error) });
  }
});
