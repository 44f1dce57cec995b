// What each runtime test runs inside the runtime (Chromium, workerd, Deno, Bun): the public API
// through the root entry and through every `tokmeter/encoding/<name>` entry, reported as JSON for
// the Node side to compare with tiktoken. Copied with cases.ts into a consumer folder whose
// node_modules/tokmeter is this package, and bundled there (or run as it is by Deno and Bun).
import * as tokmeter from 'tokmeter';
import * as cl100k_base from 'tokmeter/encoding/cl100k_base';
import * as o200k_base from 'tokmeter/encoding/o200k_base';
import * as o200k_harmony from 'tokmeter/encoding/o200k_harmony';
import * as p50k_base from 'tokmeter/encoding/p50k_base';
import * as p50k_edit from 'tokmeter/encoding/p50k_edit';
import * as r50k_base from 'tokmeter/encoding/r50k_base';
import { CHAT_REQUEST, COST, ENCODINGS, SPECIAL_TEXT, TEXTS, type RuntimeEncoding } from './cases.js';

const ENTRIES = { r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony };

export interface EncodingReport {
  /** Ids of each text by `getEncoding(name).encode`, by the entry's `encode`, with allowedSpecial 'all'. */
  readonly root: number[][];
  readonly entry: number[][];
  readonly special: number[];
  /** Counts of each text by `countTokens(text, { encoding })` and by the entry's `countTokens`. */
  readonly rootCounts: number[];
  readonly entryCounts: number[];
  /** The entry's isWithinTokenLimit at one under the count and at the count. */
  readonly within: (false | number)[][];
  /** Whether decode gave each text back. */
  readonly roundTrips: boolean[];
  /** Milliseconds of the first use of the encoding's entry (decoding and checking its data). */
  readonly firstUseMs: number;
}

export interface RuntimeReport {
  readonly encodings: Record<RuntimeEncoding, EncodingReport>;
  readonly chatTotal: number;
  readonly costTotal: number;
  readonly contextFits: boolean;
  /** What countFile does here: 'counted' on Node's build, else the error code. */
  readonly countFile: string;
  /** Calls of `new WebAssembly.Module` and how many compiled (0 where the runtime forbids it). */
  readonly wasm: { readonly attempts: number; readonly compiled: number };
  /** countTokensRemote through a fetch double (no network): what it sent and what it read back. */
  readonly remote: { readonly url: string; readonly key: string | undefined; readonly messages: unknown; readonly inputTokens: number };
}

/** countTokensRemote with a fetch that answers as Anthropic's count endpoint: the request it builds here, and the count it reads. */
async function remoteCount(): Promise<RuntimeReport['remote']> {
  let url = '';
  let key: string | undefined;
  let messages: unknown;
  const { inputTokens } = await tokmeter.countTokensRemote(
    { model: 'claude-sonnet-5', messages: [{ role: 'user', content: TEXTS[0]! }] },
    {
      apiKey: 'runtime-key',
      timeoutMs: 5_000,
      fetch: async (target, init) => {
        url = target;
        key = init.headers['x-api-key'];
        messages = (JSON.parse(init.body) as { messages: unknown }).messages;
        return { ok: true, status: 200, statusText: 'OK', text: async () => '{"input_tokens": 11}' };
      },
    },
  );
  return { url, key, messages, inputTokens };
}

/** Wraps `WebAssembly.Module` to count what tokmeter's byte loop attempts; call before counting. */
function watchWebAssembly(): { attempts: number; compiled: number } {
  const seen = { attempts: 0, compiled: 0 };
  const api = (globalThis as { WebAssembly?: { Module: new (bytes: Uint8Array) => object } }).WebAssembly;
  if (api === undefined) return seen;
  const Original = api.Module;
  api.Module = function Module(bytes: Uint8Array) {
    seen.attempts++;
    const module = new Original(bytes);
    seen.compiled++;
    return module;
  } as unknown as typeof Original;
  return seen;
}

export async function runReport(): Promise<RuntimeReport> {
  const wasm = watchWebAssembly();
  const encodings = {} as Record<RuntimeEncoding, EncodingReport>;
  for (const name of ENCODINGS) {
    const entry = ENTRIES[name];
    const started = performance.now();
    entry.countTokens('');
    const firstUseMs = performance.now() - started;
    const root = tokmeter.getEncoding(name);
    const entryIds = TEXTS.map((text) => entry.encode(text));
    encodings[name] = {
      root: TEXTS.map((text) => root.encode(text)),
      entry: entryIds,
      special: entry.encode(SPECIAL_TEXT, { allowedSpecial: 'all' }),
      rootCounts: TEXTS.map((text) => tokmeter.countTokens(text, { encoding: name })),
      entryCounts: TEXTS.map((text) => entry.countTokens(text)),
      within: TEXTS.map((text, i) => [entry.isWithinTokenLimit(text, entryIds[i]!.length - 1), entry.isWithinTokenLimit(text, entryIds[i]!.length)]),
      roundTrips: TEXTS.map((text, i) => entry.decode(entryIds[i]!) === text && root.decode(entryIds[i]!) === text),
      firstUseMs,
    };
  }
  let countFile: string;
  try {
    await tokmeter.countFile('cases.ts');
    countFile = 'counted';
  } catch (error) {
    countFile = (error as { code?: string }).code ?? String(error);
  }
  return {
    encodings,
    chatTotal: tokmeter.countChatTokens(CHAT_REQUEST as unknown as Parameters<typeof tokmeter.countChatTokens>[0]).total,
    costTotal: tokmeter.estimateCost(COST).total,
    contextFits: tokmeter.checkContext({ model: 'gpt-4o', input: [{ role: 'user', content: TEXTS[7]! }], maxOutputTokens: 4_096, at: COST.at }).fits,
    countFile,
    wasm: { ...wasm },
    remote: await remoteCount(),
  };
}
