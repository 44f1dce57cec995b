/**
 * The options of the chat functions, read once at the boundary by the package's strict-options
 * rule (src/options.ts): a plain object, only known keys (a misspelt one names the closest
 * option), own properties only. What comes out is a checked copy the counting code reads instead
 * of the caller's object.
 */
import { ownCopy, readOptions } from '../options.js';
import { lazy } from '../zod.js';
import type { ChatCountOptions } from './count-chat.js';
import { ChatValidationError } from './errors.js';
import type { HarmonyOptions } from './harmony.js';
import { ImageSizeSchema, parseOrThrow } from './schema.js';
import type { ImageSize } from './types.js';

/** The options `countChatTokens` and `countResponsesTokens` take (and `fitMessages`, `countTokens` with messages, besides their own). */
export const CHAT_COUNT_OPTIONS = ['imageSizes', 'unknownImageSize', 'nestedDescriptions', 'harmony'] as const;

/** The keys of `options.harmony`, and of `renderHarmonyPrompt`'s options. */
export const HARMONY_OPTIONS = ['modelIdentity', 'knowledgeCutoff', 'currentDate', 'reasoningEffort'] as const;

const chatError = (field: string, message: string): ChatValidationError => new ChatValidationError(field, message);

const HarmonySchema = lazy((z) => z.object({
  modelIdentity: z.string().optional(),
  knowledgeCutoff: z.string().optional(),
  currentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' }).optional(),
  reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
}));

const ChatOptionsSchema = lazy((z) => z.object({
  imageSizes: z.union([z.record(z.string(), ImageSizeSchema()), z.function()], { error: 'must be an object { [url]: { width, height } } or a function url => size' }).optional(),
  unknownImageSize: z.enum(['error', 'upper-bound']).optional(),
  nestedDescriptions: z.boolean().optional(),
}));

/** `options.harmony`, or `renderHarmonyPrompt`'s options under `root`, checked and copied. */
export function readHarmonyOptions(options: unknown, fn: string, root: string): HarmonyOptions {
  const copy = readOptions(options, HARMONY_OPTIONS, fn, root);
  return parseOrThrow(HarmonySchema(), { ...copy }, root.split('.')) as HarmonyOptions;
}

/** The chat counting options of `options`, checked and copied; any other key is an error naming it. */
export function readChatCountOptions(options: unknown, fn: string): ChatCountOptions {
  return chatCountOptionsFrom(readOptions(options, CHAT_COUNT_OPTIONS, fn), fn);
}

/**
 * The chat counting options among options already read by `readOptions` (whose known keys included
 * `CHAT_COUNT_OPTIONS`), checked; a function's own keys (`fitMessages`' model) are left to it.
 */
export function chatCountOptionsFrom(copy: Readonly<Record<string, unknown>>, fn: string): ChatCountOptions {
  const { harmony, imageSizes, unknownImageSize, nestedDescriptions } = copy;
  const sizes = typeof imageSizes === 'function' ? imageSizes : ownCopy(imageSizes, { root: 'options.imageSizes', maxDepth: 3, error: chatError });
  const checked = parseOrThrow(ChatOptionsSchema(), { imageSizes: sizes, unknownImageSize, nestedDescriptions }, ['options']);
  return {
    ...(checked.imageSizes === undefined ? {} : { imageSizes: checked.imageSizes as ChatCountOptions['imageSizes'] }),
    ...(checked.unknownImageSize === undefined ? {} : { unknownImageSize: checked.unknownImageSize }),
    ...(checked.nestedDescriptions === undefined ? {} : { nestedDescriptions: checked.nestedDescriptions }),
    ...(harmony === undefined ? {} : { harmony: readHarmonyOptions(harmony, fn, 'options.harmony') }),
  };
}

/** What an `imageSizes` function returned for `url`: a size, or `undefined` (also for `null`) when it does not know. */
export function checkSizeHint(hint: unknown, url: string): ImageSize | undefined {
  if (hint === undefined || hint === null) return undefined;
  const field = `options.imageSizes(${JSON.stringify(url.length > 80 ? `${url.slice(0, 77)}...` : url)})`;
  return parseOrThrow(ImageSizeSchema(), ownCopy(hint, { root: field, maxDepth: 2, error: chatError }), [field]) as ImageSize;
}
