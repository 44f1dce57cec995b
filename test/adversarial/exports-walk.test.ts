import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import * as tokmeter from '../../src/index.js';
import { png } from '../chat/image-bytes.js';
import llama3Data from '../../packages/tokmeter-open/llama3.js';

/*
 * Issue 24, point 3: every runtime export of src/index.ts, fed input its types would refuse. Each
 * function has a row: a call that works, and per argument what kind of value it is. Each argument
 * in turn is replaced by null, numbers, strings, arrays, objects, a misspelt key, a JSON
 * "__proto__" key and an object whose fields sit on its prototype. Every such call must throw a
 * TokmeterError with a code, a `tokmeter:` message and, where the error has a `field`, one that
 * names the argument; or give the documented result its row states, with the reason. Never a
 * plain TypeError or RangeError, never NaN.
 *
 * A new export without a row fails the first test.
 */

type Fn = (...args: unknown[]) => unknown;

/** What a call must do: throw naming a field under `field`, throw a given TokmeterError class, or return what `result` accepts. */
type Expect =
  | { readonly field: string | RegExp }
  | { readonly error: new (...args: never[]) => tokmeter.TokmeterError; readonly reason: string }
  | { readonly result: (value: unknown) => void; readonly reason: string };

type Kind = 'string' | 'number' | 'options' | 'object' | 'array' | 'value';

interface Arg {
  /** The name an error about this argument gives it (`options`, `text`); a RegExp where the field depends on the value. */
  readonly field: string | RegExp;
  readonly kind: Kind;
  /** `undefined` is a valid value (the argument is optional). */
  readonly optional?: true;
  /**
   * A misspelt key and a value for it. Options get it added, and the error names `field.key`.
   * Objects that are data (a request, a size, an estimate) may carry keys tokmeter does not read
   * (a request carries temperature and the rest), so they get it in place of the key it
   * misspells, the third entry; the error then names what went missing.
   */
  readonly typo?: readonly [string, unknown] | readonly [string, unknown, string];
  /** Values whose expectation differs from naming `field`, by label, each with its reason. */
  readonly except?: Readonly<Record<string, Expect>>;
}

interface Row {
  /** A call that works: each case changes one argument of it. */
  readonly good: () => unknown[];
  readonly args: readonly Arg[];
  /** Extra calls, by label, each with its expectation. */
  readonly extra?: Readonly<Record<string, { readonly args: () => unknown[]; readonly expect: Expect }>>;
}

const user = { role: 'user', content: 'hello' };
const request = { model: 'gpt-4o', messages: [user] };
const architecture = { layers: 2, hiddenSize: 64, intermediateSize: 256, attentionHeads: 4, kvHeads: 2, headDim: 16, vocabSize: 1000 };
const pngUrl = `data:image/png;base64,${Buffer.from(png(64, 32)).toString('base64')}`;
const scenario = { requestsPerDay: 100, inputTokens: 1000, outputTokens: 100 };
const priceTable = () => ({
  format: tokmeter.PRICES_FORMAT,
  models: {
    'acme-walk': {
      provider: 'acme',
      tokenizer: { encoding: 'o200k_base', exact: false },
      contextWindow: 1000,
      maxInputTokens: 1000,
      maxOutputTokens: 100,
      pricing: { standard: { input: '1', output: '2' } },
      asOf: '2026-12-01',
      source: 'test',
    },
  },
});
/** A fetch that answers with the table above, so updatePrices never goes to the network. */
const fakeFetch = async () => ({ ok: true, status: 200, statusText: 'OK', text: async () => JSON.stringify(priceTable()) });
/** A fetch that answers as Anthropic's count endpoint, so countTokensRemote never goes to the network. */
const countFetch = async () => ({ ok: true, status: 200, statusText: 'OK', text: async () => '{"input_tokens": 12}' });

let dir = '';
let file = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokmeter-walk-'));
  file = join(dir, 'a.txt');
  writeFileSync(file, 'hello world\n');
  // Nothing in this file may reach the network: a call that ignored its fetch option fails here.
  vi.stubGlobal('fetch', () => Promise.reject(new Error('the exports walk must not fetch')));
});
afterAll(() => vi.unstubAllGlobals());
afterEach(() => tokmeter.resetPrices());

const unknownModel: Expect = { error: tokmeter.UnknownModelError, reason: 'a string that is no model id (the empty one too) is an UnknownModelError with suggestions' };
const modelId = (field: string): Arg => ({ field, kind: 'string', except: { unknown: unknownModel, "''": unknownModel } });
const CHAT_REQUEST = /^(request|model|messages)/;

const wholeTable: Expect = {
  error: tokmeter.PriceTableError,
  reason: 'a table that is not an object, or JSON text that is not one, is a PriceTableError about the table as a whole (its model and field undefined, as the class documents)',
};

/** Every exported function, by name. */
const ROWS: Record<string, Row> = {
  useEncodingData: {
    good: () => [llama3Data],
    args: [
      {
        field: 'data',
        kind: 'options',
        typo: ['sha265', 'x'],
      },
    ],
  },
  getEncoding: {
    good: () => ['o200k_base', { extraSpecialTokens: { '<|im_start|>': 200264 } }],
    args: [
      {
        field: 'name',
        kind: 'string',
        except: {
          unknown: { error: tokmeter.UnknownEncodingError, reason: 'a string that is no encoding is an UnknownEncodingError with suggestions' },
          "''": { error: tokmeter.UnknownEncodingError, reason: 'the empty name is no encoding' },
        },
      },
      {
        field: 'options',
        kind: 'options',
        optional: true,
        typo: ['extraSpecialToken', { '<|im_start|>': 200264 }],
      },
    ],
    extra: {
      'a token that is an ordinary id': { args: () => ['o200k_base', { extraSpecialTokens: { '<|x|>': 5 } }], expect: { error: tokmeter.SpecialTokenConflictError, reason: 'id 5 is a token of the vocabulary' } },
      "js-tiktoken's positional map": { args: () => ['o200k_base', { '<|x|>': 200264 }], expect: { result: (e) => expect((e as tokmeter.Encoding).specialTokens.get('<|x|>')).toBe(200264), reason: 'a map of ids is the positional form' } },
      'a token id that is text': { args: () => ['o200k_base', { extraSpecialTokens: { '<|x|>': '200264' } }], expect: { field: 'options.extraSpecialTokens["<|x|>"]' } },
    },
  },
  encodingForModel: {
    good: () => ['gpt-4o', { extraSpecialTokens: { '<|im_start|>': 200264 } }],
    args: [modelId('model'), { field: 'options', kind: 'options', optional: true, typo: ['extraSpecialToken', { '<|im_start|>': 200264 }] }],
  },
  encodingNameForModel: { good: () => ['gpt-4o'], args: [modelId('model')] },
  modelTokenizer: { good: () => ['gpt-4o'], args: [modelId('model')] },
  countTokens: {
    good: () => ['hello', { model: 'gpt-4o' }],
    args: [
      {
        field: 'text',
        kind: 'string',
        except: {
          '[]': { result: (n) => expect(n).toBe(3), reason: 'an array is a messages array; no messages cost the 3 tokens that prime the reply' },
          unknown: { result: (n) => expect(n).toBeGreaterThan(0), reason: 'any string is text to count' },
          "''": { result: (n) => expect(n).toBe(0), reason: 'the empty text has no tokens' },
        },
      },
      { field: 'options', kind: 'options', optional: true, typo: ['encodng', 'r50k_base'] },
    ],
  },
  isWithinTokenLimit: {
    good: () => ['hello', 10, { model: 'gpt-4o' }],
    args: [
      {
        field: 'input',
        kind: 'string',
        except: {
          '[]': { result: (n) => expect(n).toBe(3), reason: 'an array is a messages array; no messages cost the 3 tokens that prime the reply' },
          '{}': { error: tokmeter.InvalidArgumentError, reason: 'an object is a chat request, which names its model, so options are refused' },
          unknown: { result: (n) => expect(typeof n === 'number' || n === false).toBe(true), reason: 'any string is text to count' },
          "''": { result: (n) => expect(n).toBe(0), reason: 'the empty text has no tokens' },
        },
      },
      { field: 'limit', kind: 'number' },
      { field: 'options', kind: 'options', optional: true, typo: ['encodng', 'r50k_base'] },
    ],
  },
  splitByTokens: {
    good: () => ['hello world, and more words to split', { maxTokens: 4 }],
    args: [
      { field: 'text', kind: 'string', except: { unknown: { result: (chunks) => expect(Array.isArray(chunks)).toBe(true), reason: 'any string is text to split' }, "''": { result: (chunks) => expect(chunks).toEqual([]), reason: 'the empty text has no chunks' } } },
      { field: 'options', kind: 'options', typo: ['maxTokns', 4, 'maxTokens'] },
    ],
  },
  createTextSplitter: { good: () => [{ maxTokens: 4 }], args: [{ field: 'options', kind: 'options', typo: ['maxTokns', 4, 'maxTokens'] }] },
  createTokenCounter: { good: () => [{ model: 'gpt-4o' }], args: [{ field: 'options', kind: 'options', optional: true, typo: ['encodng', 'r50k_base'] }] },
  countFile: {
    good: () => [file, { model: 'gpt-4o' }],
    args: [
      { field: 'path', kind: 'string', except: { unknown: { error: tokmeter.TokmeterError, reason: 'a path that does not exist is a file error naming it' }, "''": { error: tokmeter.TokmeterError, reason: 'the empty path is a file error' } } },
      { field: 'options', kind: 'options', optional: true, typo: ['encodng', 'r50k_base'] },
    ],
  },
  countFiles: {
    good: () => [[file], { concurrency: 1 }],
    args: [
      { field: 'paths', kind: 'array', except: { '[]': { result: (r) => expect(r).toEqual([]), reason: 'no files, no counts' } } },
      { field: 'options', kind: 'options', optional: true, typo: ['concurency', 2] },
    ],
    extra: {
      "onProgress: 'x'": { args: () => [[file], { onProgress: 'x' }], expect: { field: 'options.onProgress' } },
    },
  },
  countChatTokens: {
    good: () => [request, {}],
    args: [
      { field: CHAT_REQUEST, kind: 'object', typo: ['mesages', [user], 'messages'] },
      { field: 'options', kind: 'options', optional: true, typo: ['toolLayot', 'flat'] },
    ],
  },
  countResponsesTokens: {
    good: () => [{ model: 'gpt-4o', input: 'hello' }, {}],
    args: [
      {
        field: /^(request|model|input)/,
        kind: 'object',
        typo: ['modle', 'gpt-4o', 'model'],
      },
      { field: 'options', kind: 'options', optional: true, typo: ['unknownImageSiz', 'upper-bound'] },
    ],
  },
  fitMessages: {
    good: () => [[user], { model: 'gpt-4o', maxTokens: 100 }],
    args: [
      { field: 'messages', kind: 'array', except: { '[]': { result: (r) => expect(r).toMatchObject({ fits: true, messages: [] }), reason: 'no messages fit any budget' } } },
      { field: 'options', kind: 'options', typo: ['maxToken', 100] },
    ],
  },
  renderFunctionNamespace: {
    good: () => [[{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }], {}],
    args: [
      { field: 'functions', kind: 'array', except: { '[]': { result: (r) => expect(r).toBe('namespace functions {\n\n} // namespace functions'), reason: 'no functions, an empty namespace' } } },
      { field: 'options', kind: 'options', optional: true, typo: ['toolLayot', 'flat'] },
    ],
  },
  renderHarmonyPrompt: {
    good: () => [{ model: 'gpt-oss-20b', messages: [user] }, { currentDate: '2026-01-01' }],
    args: [
      { field: CHAT_REQUEST, kind: 'object', typo: ['mesages', [user], 'messages'] },
      { field: 'options', kind: 'options', optional: true, typo: ['reasoningEfort', 'low'] },
    ],
  },
  encodeChat: {
    good: () => [request, { toolLayout: 'flat' }],
    args: [
      { field: CHAT_REQUEST, kind: 'object', typo: ['mesages', [user], 'messages'] },
      { field: 'options', kind: 'options', optional: true, typo: ['toolLayot', 'flat'] },
    ],
    extra: {
      'a model whose tokenizer is not public': { args: () => [{ model: 'claude-opus-5', messages: [user] }], expect: { field: 'model' } },
      'an image': { args: () => [{ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: pngUrl } }] }] }], expect: { field: 'messages[0].content[0]' } },
    },
  },
  countImageTokens: {
    good: () => ['gpt-4o', { width: 512, height: 512 }, 'high'],
    args: [
      { field: 'model', kind: 'string', except: { unknown: { error: tokmeter.UnsupportedContentError, reason: 'a model without image data is UnsupportedContentError naming model' } } },
      { field: 'size', kind: 'object', typo: ['widht', 512, 'width'] },
      { field: 'detail', kind: 'string', optional: true },
    ],
  },
  imageSizeFromDataUrl: { good: () => [pngUrl], args: [{ field: 'url', kind: 'string' }] },
  getModel: {
    good: () => ['gpt-4o', { at: '2026-12-01' }],
    args: [modelId('id'), { field: 'options', kind: 'options', optional: true, typo: ['att', '2026-12-01'] }],
  },
  listModels: { good: () => [], args: [] },
  flagshipModels: { good: () => [{ at: '2026-12-01' }], args: [{ field: 'options', kind: 'options', optional: true, typo: ['att', '2026-12-01'] }] },
  resetPrices: { good: () => [], args: [] },
  estimateCost: {
    good: () => [{ model: 'gpt-4o', inputTokens: 1000, outputTokens: 100 }],
    args: [{ field: 'options', kind: 'options', typo: ['inputTokns', 1000] }],
  },
  costFromUsage: {
    good: () => [{ model: 'gpt-4o', usage: { prompt_tokens: 10, completion_tokens: 5 } }],
    args: [{ field: 'options', kind: 'options', typo: ['usge', {}] }],
    extra: {
      'a usage object without tokens': { args: () => [{ model: 'gpt-4o', usage: {} }], expect: { field: /^options\.usage/ } },
      'a usage object with misspelt counts': { args: () => [{ model: 'gpt-4o', usage: { prompt_tokns: 10, completion_tokens: 5 } }], expect: { field: /^options\.usage/ } },
      'a usage object of NaN counts': { args: () => [{ model: 'gpt-4o', usage: { prompt_tokens: Number.NaN, completion_tokens: 5 } }], expect: { field: /^options\.usage/ } },
      'a usage object whose counts sit on its prototype': {
        args: () => [{ model: 'gpt-4o', usage: Object.create({ prompt_tokens: 10, completion_tokens: 5 }) as unknown }],
        expect: { field: /^options\.usage/ },
      },
    },
  },
  checkContext: {
    good: () => [{ model: 'gpt-4o', input: 'hello' }],
    args: [{ field: 'options', kind: 'options', typo: ['maxOutputToken', 10] }],
  },
  assertFits: {
    good: () => [{ model: 'gpt-4o', input: 'hello' }],
    args: [{ field: 'options', kind: 'options', typo: ['maxOutputToken', 10] }],
  },
  estimateMonthlySpend: {
    good: () => [{ model: 'gpt-4o', ...scenario }],
    args: [{ field: 'options', kind: 'options', typo: ['requestPerDay', 100] }],
  },
  compareModels: {
    good: () => [scenario, ['gpt-4o', 'gpt-4o-mini']],
    args: [
      { field: /^(scenario|options)/, kind: 'options', typo: ['requestPerDay', 100] },
      { field: 'models', kind: 'array', except: { '[]': { result: (r) => expect(r).toEqual([]), reason: 'no models, nothing to compare' } } },
    ],
  },
  loadPrices: {
    good: () => [priceTable(), { overwrite: true }],
    args: [
      {
        field: /^(table|models|format)/,
        kind: 'object',
        typo: ['formt', tokmeter.PRICES_FORMAT, 'format'],
        except: {
          ...Object.fromEntries(['null', '42', 'NaN', 'true', 'undefined', "'x'", '[]'].map((label) => [label, wholeTable])),
          'formt for format': { field: 'last_updated' }, // without "format" a table is read as LiteLLM's, which must be dated
        },
      },
      { field: 'options', kind: 'options', optional: true, typo: ['overwite', true] },
    ],
  },
  updatePrices: {
    good: () => [{ url: 'https://example.test/prices.json', fetch: fakeFetch }],
    args: [{ field: 'options', kind: 'options', optional: true, typo: ['fetchh', fakeFetch] }],
  },
  countTokensRemote: {
    good: () => [{ model: 'claude-opus-5', messages: [user] }, { apiKey: 'test-key', fetch: countFetch }],
    args: [
      { field: CHAT_REQUEST, kind: 'object', typo: ['mesages', [user], 'messages'] },
      {
        field: 'options',
        kind: 'options',
        typo: ['apiKye', 'test-key'],
        except: { undefined: { error: tokmeter.RemoteCountError, reason: 'no options is no API key: a RemoteCountError (REMOTE_COUNT_MISSING_KEY) saying how to pass one' } },
      },
    ],
    extra: {
      'a provider body without format: "provider"': { args: () => [{ model: 'claude-opus-5', system: 'x', messages: [user] }, { apiKey: 'k', fetch: countFetch }], expect: { field: 'system' } },
      'a model of no known provider': { args: () => [{ model: 'acme-1', messages: [user] }, { apiKey: 'k', fetch: countFetch }], expect: { field: 'options.provider' } },
      'an answer without a count': {
        args: () => [{ model: 'claude-opus-5', messages: [user] }, { apiKey: 'k', fetch: async () => ({ ok: true, status: 200, statusText: 'OK', text: async () => '{}' }) }],
        expect: { error: tokmeter.RemoteCountError, reason: 'a 2xx answer with no input_tokens is REMOTE_COUNT_MALFORMED' },
      },
    },
  },
  estimateMemory: {
    good: () => [{ model: 'llama-2-7b', precision: 'bf16' }],
    args: [{ field: 'options', kind: 'options', typo: ['contextLenght', 4096] }],
  },
  formatMemoryEstimate: {
    good: () => [tokmeter.estimateMemory({ model: 'llama-2-7b', precision: 'bf16' }), { unit: 'GB' }],
    args: [
      { field: 'estimate', kind: 'object', typo: ['mdoe', 'inference', 'mode'] },
      { field: 'options', kind: 'options', optional: true, typo: ['units', 'GB'] },
    ],
  },
  formatBytes: {
    good: () => [1024, 'GB'],
    args: [
      { field: 'bytes', kind: 'number', except: { '-1': { result: (s) => expect(s).toBe('-0.00 GB'), reason: 'a negative number of bytes (a difference) formats like any other' }, '1.5': { result: (s) => expect(s).toBe('0.00 GB'), reason: 'bytes need not be whole' } } },
      { field: 'unit', kind: 'string', optional: true },
    ],
  },
  findModelPreset: {
    good: () => ['llama-2-7b'],
    args: [
      {
        field: 'name',
        kind: 'string',
        except: {
          unknown: { result: (r) => expect(r).toBeUndefined(), reason: 'a name no preset has is undefined, as documented' },
          "''": { result: (r) => expect(r).toBeUndefined(), reason: 'the empty name is no preset' },
        },
      },
    ],
  },
  countParameters: {
    good: () => [architecture],
    args: [{ field: 'config', kind: 'options', typo: ['hiddenSze', 64] }],
  },
};

/** Exports that are not functions to call: constants, and classes (the errors). */
const NOT_CALLED: Record<string, 'constant' | 'class'> = {
  ENCODING_NAMES: 'constant',
  OPEN_ENCODING_NAMES: 'constant',
  IMAGE_MODELS: 'constant',
  CHAT_FORMAT_TOKENS: 'constant',
  MESSAGE_FORMATS: 'constant',
  DAYS_PER_MONTH: 'constant',
  PRICES_FORMAT: 'constant',
  FLAGSHIP_FAMILIES: 'constant',
  LITELLM_PRICES_URL: 'constant',
  MODEL_PRESETS: 'constant',
  GPUS: 'constant',
  PRECISIONS: 'constant',
  OPTIMIZERS: 'constant',
  TRAINING_METHODS: 'constant',
  LORA_TARGETS: 'constant',
  MEMORY_COMPONENTS: 'constant',
  UNCUT_LIMIT: 'constant',
  Encoding: 'class',
  TokmeterError: 'class',
  InvalidArgumentError: 'class',
  UnknownEncodingError: 'class',
  UnknownModelError: 'class',
  DisallowedSpecialTokenError: 'class',
  SpecialTokenConflictError: 'class',
  EncodingDataNotInstalledError: 'class',
  ChatValidationError: 'class',
  ImageSizeUnknownError: 'class',
  UnsupportedContentError: 'class',
  MediaMeasureUnknownError: 'class',
  PriceFetchError: 'class',
  RemoteCountError: 'class',
  UnsupportedTierError: 'class',
  ContextOverflowError: 'class',
  PriceTableError: 'class',
  NoPriceOnDateError: 'class',
  PieceTooLongError: 'class',
};

interface Bad {
  readonly label: string;
  readonly value: () => unknown;
  readonly expect: Expect;
}

/** `good` with a JSON "__proto__" key added (an own property, as JSON.parse makes it). */
const withProtoKey = (good: unknown): unknown => ({ ...(JSON.parse('{"__proto__": {"injected": true}}') as object), ...(good as object) });

/** The bad values an argument of `kind` gets, each expected to name `arg.field` unless said otherwise. */
function badValues(arg: Arg, good: unknown): Bad[] {
  const names = (field: string | RegExp): Expect => ({ field });
  const out: [string, () => unknown, Expect?][] = [
    ['null', () => null],
    ['42', () => 42],
    ['NaN', () => Number.NaN],
    ['true', () => true],
  ];
  if (arg.optional !== true) out.push(['undefined', () => undefined]);
  if (arg.kind !== 'string') out.push(["'x'", () => 'x']);
  if (arg.kind === 'number') out.splice(1, 1); // 42 is a number like any other
  if (arg.kind === 'string') out.push(["''", () => ''], ['unknown', () => 'no-such-thing'], ['{}', () => ({})]);
  if (arg.kind === 'number') out.push(['Infinity', () => Number.POSITIVE_INFINITY], ['-1', () => -1], ['1.5', () => 1.5]);
  if (arg.kind !== 'array') out.push(['[]', () => []]);
  if (arg.kind === 'array') out.push(['{}', () => ({})], ['[null]', () => [null]], ['[42]', () => [42]]);
  if (arg.kind === 'options' || arg.kind === 'object') {
    const root = typeof arg.field === 'string' ? arg.field : undefined;
    const [key, value, real] = arg.typo ?? ['unknownKey', 1];
    if (arg.kind === 'options') {
      out.push([`{ ${key} } (misspelt)`, () => ({ ...(good as object), [key]: value }), names(root === undefined ? arg.field : `${root}.${key}`)]);
    } else if (real !== undefined) {
      out.push([`${key} for ${real}`, () => misspell(good, key, value, real)]);
    }
    out.push(['"__proto__" key', () => withProtoKey(good), names(root === undefined ? /__proto__/ : `${root}.__proto__`)]);
    out.push(['inherited', () => Object.create(good as object) as unknown]);
  }
  return out.map(([label, value, expectation]) => ({ label, value, expect: arg.except?.[label] ?? expectation ?? names(arg.field) }));
}

/** `good` with `real` renamed to `typo` (`messages` → `mesages`). */
function misspell(good: unknown, typo: string, value: unknown, real: string): unknown {
  const { [real]: _dropped, ...rest } = good as Record<string, unknown>;
  return { ...rest, [typo]: value };
}

interface Case {
  readonly name: string;
  readonly label: string;
  readonly args: () => unknown[];
  readonly expect: Expect;
}

function casesOf(name: string, row: Row): Case[] {
  const cases: Case[] = [];
  row.args.forEach((arg, i) => {
    const good = row.good()[i];
    for (const bad of badValues(arg, good)) {
      cases.push({
        name,
        label: `argument ${i + 1} = ${bad.label}`,
        args: () => {
          const args = row.good();
          args[i] = bad.value();
          return args;
        },
        expect: bad.expect,
      });
    }
  });
  for (const [label, extra] of Object.entries(row.extra ?? {})) cases.push({ name, label, args: extra.args, expect: extra.expect });
  return cases;
}

/** The call's outcome: what it returned, or what it threw (awaiting a promise). */
async function outcome(fn: Fn, args: unknown[]): Promise<{ threw: false; value: unknown } | { threw: true; error: unknown }> {
  try {
    return { threw: false, value: await fn(...args) };
  } catch (error) {
    return { threw: true, error };
  }
}

function fieldMatches(actual: unknown, expected: string | RegExp): boolean {
  if (typeof actual !== 'string') return false;
  if (expected instanceof RegExp) return expected.test(actual);
  return actual === expected || actual.startsWith(`${expected}.`) || actual.startsWith(`${expected}[`);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const field = (error as { field?: unknown }).field;
  return `${error.name}${field === undefined ? '' : ` (field ${String(field)})`}: ${error.message.slice(0, 300)}`;
}

const api = tokmeter as unknown as Record<string, unknown>;
const isClass = (value: unknown): boolean => typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));

test('every runtime export has a row: the functions in ROWS, the rest listed as constants or classes', () => {
  const functions = Object.keys(api).filter((key) => typeof api[key] === 'function' && !isClass(api[key]));
  expect(Object.keys(ROWS).sort()).toEqual(functions.sort());
  const others = Object.keys(api).filter((key) => !functions.includes(key));
  expect(Object.keys(NOT_CALLED).sort()).toEqual(others.sort());
  for (const [key, kind] of Object.entries(NOT_CALLED)) expect(isClass(api[key]), key).toBe(kind === 'class');
});

test('every row\'s good call works, so each bad case changes only the argument it names', async () => {
  for (const [name, row] of Object.entries(ROWS)) {
    const result = await outcome(api[name] as Fn, row.good());
    expect(result.threw ? `${name}: ${describeError(result.error)}` : 'ok', name).toBe('ok');
  }
});

describe.each(Object.entries(ROWS))('%s', (name, row) => {
  const cases = casesOf(name, row);
  if (cases.length === 0) {
    test('takes no arguments (extra ones are ignored, as JavaScript does)', async () => {
      expect((await outcome(api[name] as Fn, [null, 42, { bad: true }])).threw).toBe(false);
    });
    return;
  }
  test.each(cases.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const result = await outcome(api[name] as Fn, c.args());
    if ('result' in c.expect) {
      expect(result.threw ? describeError(result.error) : 'returned', c.expect.reason).toBe('returned');
      if (!result.threw) c.expect.result(result.value);
      return;
    }
    if (!result.threw) {
      const shown = typeof result.value === 'number' && Number.isNaN(result.value) ? 'NaN' : JSON.stringify(result.value)?.slice(0, 120);
      expect.fail(`returned ${shown} instead of throwing`);
    }
    const error = result.error;
    expect(error instanceof tokmeter.TokmeterError ? 'TokmeterError' : describeError(error)).toBe('TokmeterError');
    const typed = error as tokmeter.TokmeterError;
    expect(typed.code).toMatch(/^[A-Z_]+$/);
    expect(typed.message.startsWith('tokmeter: ')).toBe(true);
    if ('error' in c.expect) {
      expect(typed, c.expect.reason).toBeInstanceOf(c.expect.error);
      return;
    }
    if ('field' in typed) {
      const field = (typed as { field?: unknown }).field;
      expect(fieldMatches(field, c.expect.field) ? 'named' : `field ${String(field)}, expected ${String(c.expect.field)}`).toBe('named');
    } else {
      expect.fail(`${describeError(error)} names no field; expected ${String(c.expect.field)}`);
    }
  });
});
