/**
 * The options of the chat functions, read once at the boundary by the package's strict-options
 * rule (src/options.ts): a plain object, only known keys (a misspelt one names the closest
 * option), own properties only. What comes out is a checked copy the counting code reads instead
 * of the caller's object.
 */
import { ownCopy, readOptions } from '../options.js';
import { lazy } from '../zod.js';
import { ChatValidationError } from './errors.js';
import type { ImageOptions } from './images/count-image.js';
import { parseOrThrow, ImageSizeSchema } from './schema.js';
import type { ToolLayoutName } from './tool-layouts.js';

/** Settings for gpt-oss models, which render the harmony format. */
export interface HarmonyOptions {
  /** @default 'You are ChatGPT, a large language model trained by OpenAI.' */
  readonly modelIdentity?: string;
  /** @default '2024-06' */
  readonly knowledgeCutoff?: string;
  /** `YYYY-MM-DD`. @default today's date (UTC) */
  readonly currentDate?: string;
  /** @default 'medium' */
  readonly reasoningEffort?: 'low' | 'medium' | 'high';
}

export interface ChatCountOptions extends ImageOptions {
  /**
   * How nested objects in tool schemas are laid out: `'flat'` (what the API renders since 2024:
   * nested properties unindented, with their descriptions) or `'indented-2023'` (what it rendered
   * in 2023: indented by two spaces, nested descriptions left out; reproduces bills of that time).
   * @default 'indented-2023' for gpt-3.5-turbo-0613, 'flat' for every other model
   */
  readonly toolLayout?: ToolLayoutName;
  /** Settings for gpt-oss models, which render the harmony format. */
  readonly harmony?: HarmonyOptions;
}

/** The options `countChatTokens` and `countResponsesTokens` take (and `fitMessages`, `countTokens` with messages, besides their own). */
export const CHAT_COUNT_OPTIONS = ['imageSizes', 'unknownImageSize', 'toolLayout', 'harmony'] as const;

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
  toolLayout: z.enum(['flat', 'indented-2023']).optional(),
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
  const { harmony, imageSizes, unknownImageSize, toolLayout } = copy;
  const sizes = typeof imageSizes === 'function' ? imageSizes : ownCopy(imageSizes, { root: 'options.imageSizes', maxDepth: 3, error: chatError });
  const checked = parseOrThrow(ChatOptionsSchema(), { imageSizes: sizes, unknownImageSize, toolLayout }, ['options']);
  return {
    ...(checked.imageSizes === undefined ? {} : { imageSizes: checked.imageSizes as ChatCountOptions['imageSizes'] }),
    ...(checked.unknownImageSize === undefined ? {} : { unknownImageSize: checked.unknownImageSize }),
    ...(checked.toolLayout === undefined ? {} : { toolLayout: checked.toolLayout }),
    ...(harmony === undefined ? {} : { harmony: readHarmonyOptions(harmony, fn, 'options.harmony') }),
  };
}
