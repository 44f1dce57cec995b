/**
 * Runtime validation at the public boundary. zod checks the request's shape; `toValidationError`
 * turns the first zod issue into a `ChatValidationError` whose `field` is a path like
 * `messages[2].content[0].type` and whose message says what was expected and what was found.
 */
import type { z } from 'zod';
import { fieldName, mustBeOneOf, truncate, valueAt } from '../validation.js';
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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(truncate(value, 40));
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
  return `${typeof value} ${String(value)}`;
}

interface Issue {
  readonly code: string;
  readonly path: Path;
  readonly message: string;
  readonly expected?: unknown;
  readonly errors?: readonly (readonly Issue[])[];
  readonly note?: unknown;
}

/** The most specific issue: inside a union, the branch that got past the top-level type check. */
function mostSpecific(issue: Issue, base: Path): { issue: Issue; path: Path } {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors !== undefined && issue.errors.length > 0) {
    const deeper = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
    const first = deeper[0]?.[0];
    if (deeper.length === 1 && first !== undefined) return mostSpecific(first, path);
  }
  return { issue, path };
}

/** Turn a zod error into a `ChatValidationError`, with field paths under `root` (e.g. `['messages']`). */
export function toValidationError(error: z.ZodError, data: unknown, root: Path = []): ChatValidationError {
  const first = error.issues[0] as Issue | undefined;
  if (first === undefined) return new ChatValidationError(fieldName('', root) || 'request', 'is invalid');
  const { issue, path } = mostSpecific(first, []);
  const value = valueAt(data, path);
  const field = fieldName('', [...root, ...path]) || 'request';
  let message: string;
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    message = 'is required';
  } else if (issue.code === 'invalid_type' && typeof issue.expected === 'string' && issue.message.startsWith('Invalid input')) {
    message = `must be ${issue.expected === 'array' || issue.expected === 'object' ? `an ${issue.expected}` : `a ${issue.expected}`}, got ${describe(value)}`;
  } else if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) {
    message = `${issue.message.replace(/^Invalid option: expected /, 'must be ')}, got ${describe(value)}`;
  } else {
    message = `${issue.message}, got ${describe(value)}`;
  }
  return new ChatValidationError(field, message, { cause: error });
}

/** Parse `data` with `schema`, or throw the first problem as a `ChatValidationError`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, root: Path = []): T {
  const result = schema.safeParse(data);
  if (!result.success) throw toValidationError(result.error, data, root);
  return result.data;
}

const chatError = (field: string, message: string): ChatValidationError => new ChatValidationError(field, message);

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
