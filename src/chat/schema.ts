/**
 * Runtime validation at the public boundary. zod checks the request's shape; `parseOrThrow`
 * turns the first zod issue into a `ChatValidationError` (through src/validation.ts) whose `field`
 * is a path like `messages[2].content[0].type` and whose message says what was expected and what was found.
 */
import type { z } from 'zod';
import { fieldName, mustBeOneOf, parseOrThrow as parseWith } from '../validation.js';
import { ownCopy } from '../options.js';
import { lazy } from '../zod.js';
import { ChatValidationError } from './errors.js';

export const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

const TextPart = lazy((z) => z.looseObject({ type: z.literal('text'), text: z.string() }));
const ImagePart = lazy((z) => z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    url: z.string().min(1, { error: 'must be a non-empty URL' }),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
}));
const AudioPart = lazy((z) => z.looseObject({ type: z.literal('input_audio'), input_audio: z.looseObject({ data: z.string(), format: z.string() }) }));
const FilePart = lazy((z) => z.looseObject({ type: z.literal('file'), file: z.looseObject({}) }));
const RefusalPart = lazy((z) => z.looseObject({ type: z.literal('refusal'), refusal: z.string() }));

const USER_PARTS = ['text', 'image_url', 'input_audio', 'file'];
const UserPart = lazy((z) => z.discriminatedUnion('type', [TextPart(), ImagePart(), AudioPart(), FilePart()], { error: mustBeOneOf(USER_PARTS) }));
const AssistantPart = lazy((z) => z.discriminatedUnion('type', [TextPart(), RefusalPart()], { error: mustBeOneOf(['text', 'refusal']) }));
const TextOnlyPart = lazy((z) => z.discriminatedUnion('type', [TextPart()], { error: `${mustBeOneOf(['text'])} in this role` }));

const textContent = lazy((z) => z.union([z.string(), z.array(TextOnlyPart())], { error: 'must be a string or an array of text parts' }));

const ToolCall = lazy((z) => z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('function'), id: z.string().optional(), function: z.looseObject({ name: z.string(), arguments: z.string() }) }),
    z.looseObject({ type: z.literal('custom'), id: z.string().optional(), custom: z.looseObject({ name: z.string(), input: z.string() }) }),
  ],
  { error: mustBeOneOf(['function', 'custom']) },
));

const name = lazy((z) => z.string().optional());

export const MessageSchema = lazy((z) => z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.literal('system'), content: textContent(), name: name() }),
    z.looseObject({ role: z.literal('developer'), content: textContent(), name: name() }),
    z.looseObject({
      role: z.literal('user'),
      content: z.union([z.string(), z.array(UserPart())], { error: 'must be a string or an array of content parts' }),
      name: name(),
    }),
    z.looseObject({
      role: z.literal('assistant'),
      content: z
        .union([z.string(), z.array(AssistantPart())], { error: 'must be a string, an array of text/refusal parts, or null' })
        .nullable()
        .optional(),
      name: name(),
      refusal: z.string().nullable().optional(),
      tool_calls: z.array(ToolCall()).optional(),
      function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullable().optional(),
    }),
    z.looseObject({ role: z.literal('tool'), content: textContent(), tool_call_id: z.string().optional() }),
    z.looseObject({ role: z.literal('function'), content: z.string().nullable(), name: z.string() }),
  ],
  { error: mustBeOneOf(ROLES) },
));

export const MessagesSchema = lazy((z) => z.array(MessageSchema(), { error: 'must be an array of messages' }));

export const FunctionDefinitionSchema = lazy((z) => z.looseObject({
  name: z.string().min(1, { error: 'must be a non-empty function name' }),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }).optional(),
  strict: z.boolean().nullable().optional(),
}));

const ToolSchema = lazy((z) => z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('function'), function: FunctionDefinitionSchema() }),
    z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
  ],
  { error: mustBeOneOf(['function', 'custom']) },
));

const ToolChoiceSchema = lazy((z) => z.union(
  [
    z.enum(['none', 'auto', 'required']),
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
    z.looseObject({ type: z.literal('allowed_tools'), allowed_tools: z.looseObject({ mode: z.enum(['auto', 'required']), tools: z.array(z.looseObject({})) }) }),
  ],
  { error: 'must be "none", "auto", "required", or { type: "function", function: { name } }' },
));

const FunctionCallSchema = lazy((z) => z.union([z.enum(['none', 'auto']), z.looseObject({ name: z.string() })], {
  error: 'must be "none", "auto" or { name }',
}));

export const ChatRequestSchema = lazy((z) => z.looseObject({
  model: z.string({ error: 'must be a model id string such as "gpt-4o"' }).min(1, { error: 'must be a non-empty model id' }),
  messages: MessagesSchema(),
  tools: z.array(ToolSchema()).optional(),
  tool_choice: ToolChoiceSchema().optional(),
  functions: z.array(FunctionDefinitionSchema()).optional(),
  function_call: FunctionCallSchema().optional(),
}));

const PIXELS = 'must be a whole positive number of pixels';
const pixels = lazy((z) => z.number({ error: PIXELS }).int({ error: PIXELS }).positive({ error: PIXELS }));

export const ImageSizeSchema = lazy((z) => z.looseObject({ width: pixels(), height: pixels() }));

type Path = readonly PropertyKey[];

/** A value as a request's refusal names it: `"text"`, `number 7`, `an array`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  return `${typeof value} ${String(value)}`;
}

/** A `ChatValidationError` for `field` (the request itself when empty). */
const chatError = (field: string, message: string, cause?: unknown): ChatValidationError =>
  new ChatValidationError(field || 'request', message, cause === undefined ? undefined : { cause });

/** Parse `data` with `schema`, or throw its first problem as a `ChatValidationError` naming the field below `root` (e.g. `['messages']`). */
export function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, root: Path = []): T {
  return parseWith(schema, data, { root: fieldName('', root), error: chatError });
}

/**
 * A request (or tool definitions) as the counting code reads it: a copy of its own properties,
 * refused with a `ChatValidationError` naming the field when it has a `"__proto__"` key, a cycle,
 * or objects nested more than `MAX_NESTING` (100) levels deep (a tool schema about 45 properties
 * deep), so no request can overflow the stack or hide values on a prototype.
 * `root` names the value in errors: `''` for a request (`messages[0]`), `functions` for a list.
 */
export function readRequest(request: unknown, what: string, root = ''): Record<string, unknown> | unknown[] {
  const copy = ownCopy(request, { root, error: chatError });
  const isArray = what.startsWith('an array');
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy) !== isArray) {
    throw new ChatValidationError(root || 'request', `must be ${what}, got ${describe(request)}.`);
  }
  return copy as Record<string, unknown> | unknown[];
}
