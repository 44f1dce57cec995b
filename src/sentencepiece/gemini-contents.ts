import { describeValue } from '../describe.js';
import { InvalidArgumentError, TokmeterError } from '../errors.js';

/**
 * What Google's GenAI SDK counts of a Gemini request with its local tokenizer, and nothing else:
 * the texts its `_TextsAccumulator` (Python) / `TextsAccumulator` (JavaScript) gathers, each
 * encoded on its own, the counts summed — no role, no per-message or per-part overhead, no BOS.
 * docs/gemini-tokenizer.md lists the fields. Shapes are the JavaScript SDK's (camelCase).
 */

/** A part of a Gemini content: text, a function call or response. Media are not counted locally. */
export interface GeminiPart {
  readonly text?: string;
  readonly functionCall?: { readonly name?: string; readonly args?: Readonly<Record<string, unknown>> };
  readonly functionResponse?: { readonly name?: string; readonly response?: Readonly<Record<string, unknown>> };
  readonly inlineData?: unknown;
  readonly fileData?: unknown;
  readonly [field: string]: unknown;
}

export interface GeminiContent {
  readonly role?: string;
  readonly parts: readonly (GeminiPart | string)[];
}

/** A schema as the SDK reads it: these fields are counted, the others (type, title, …) are not. */
export interface GeminiSchema {
  readonly format?: string;
  readonly description?: string;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly items?: GeminiSchema;
  readonly properties?: Readonly<Record<string, GeminiSchema>>;
  readonly example?: unknown;
  readonly [field: string]: unknown;
}

export interface GeminiCountConfig {
  readonly systemInstruction?: GeminiContent | string | readonly (GeminiPart | string)[];
  readonly tools?: readonly { readonly functionDeclarations?: readonly { readonly name?: string; readonly description?: string; readonly parameters?: GeminiSchema; readonly response?: GeminiSchema }[] }[];
  readonly generationConfig?: { readonly responseSchema?: GeminiSchema };
}

export type GeminiContents = string | GeminiPart | GeminiContent | readonly (string | GeminiPart)[] | readonly GeminiContent[];

/** The part is an image, audio, video or file: the SDK refuses to count it locally, and so does tokmeter. */
function mediaError(field: string): TokmeterError {
  return new TokmeterError(
    'UNSUPPORTED_CONTENT',
    `${field} holds media (inlineData or fileData), which Gemini's local tokenizer does not count: only text is exact. Count the text parts alone, or ask the API (countTokens).`,
  );
}

const isContent = (value: unknown): value is GeminiContent => typeof value === 'object' && value !== null && Array.isArray((value as { parts?: unknown }).parts);

/** The SDK's `tContents`: a string, a part, parts, a content or contents, as contents. */
function toContents(contents: GeminiContents): readonly GeminiContent[] {
  if (typeof contents === 'string') return [{ parts: [contents] }];
  if (Array.isArray(contents)) {
    if (contents.length === 0) throw new InvalidArgumentError('contents', 'must not be empty.');
    if (contents.every(isContent)) return contents;
    if (contents.some(isContent)) throw new InvalidArgumentError('contents', 'mixes contents and parts; group the parts into contents with their roles.');
    return [{ parts: contents as readonly (string | GeminiPart)[] }];
  }
  if (isContent(contents)) return [contents];
  if (typeof contents === 'object' && contents !== null) return [{ parts: [contents as GeminiPart] }];
  throw new InvalidArgumentError('contents', `must be text, a part, a content or a list of them, got ${describeValue(contents)}.`);
}

/**
 * The texts the SDK counts for `contents` and `config`, in its order (contents, system
 * instruction, tools, response schema). Throws `UNSUPPORTED_CONTENT` for media, as the SDK does.
 */
export function geminiCountedTexts(contents: GeminiContents, config: GeminiCountConfig = {}): string[] {
  const texts: string[] = [];
  const any = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(any);
    else if (typeof value === 'object' && value !== null) dict(value as Record<string, unknown>);
  };
  const dict = (value: Readonly<Record<string, unknown>>): void => {
    texts.push(...Object.keys(value));
    for (const item of Object.values(value)) any(item);
  };
  const schema = (s: GeminiSchema): void => {
    if (s.format) texts.push(s.format);
    if (s.description) texts.push(s.description);
    if (s.enum) texts.push(...s.enum);
    if (s.required) texts.push(...s.required);
    if (s.items) schema(s.items);
    if (s.properties) {
      for (const [key, value] of Object.entries(s.properties)) {
        texts.push(key);
        schema(value);
      }
    }
    if (s.example !== undefined && s.example !== null) any(s.example);
  };
  const content = (c: GeminiContent, at: string): void => {
    c.parts.forEach((raw, i) => {
      const part: GeminiPart = typeof raw === 'string' ? { text: raw } : raw;
      if (part.inlineData || part.fileData) throw mediaError(`${at}.parts[${i}]`);
      if (part.functionCall) {
        if (part.functionCall.name) texts.push(part.functionCall.name);
        if (part.functionCall.args) dict(part.functionCall.args);
      }
      if (part.functionResponse) {
        if (part.functionResponse.name) texts.push(part.functionResponse.name);
        if (part.functionResponse.response) dict(part.functionResponse.response);
      }
      if (part.text) texts.push(part.text);
    });
  };
  toContents(contents).forEach((c, i) => content(c, `contents[${i}]`));
  if (config.systemInstruction) toContents(config.systemInstruction as GeminiContents).forEach((c) => content(c, 'config.systemInstruction'));
  for (const tool of config.tools ?? []) {
    for (const declaration of tool.functionDeclarations ?? []) {
      if (declaration.name) texts.push(declaration.name);
      if (declaration.description) texts.push(declaration.description);
      if (declaration.parameters) schema(declaration.parameters);
      if (declaration.response) schema(declaration.response);
    }
  }
  if (config.generationConfig?.responseSchema) schema(config.generationConfig.responseSchema);
  return texts;
}

/**
 * The tokens Gemini's local tokenizer counts for `contents` and `config`: each counted text encoded
 * on its own with `encoding` (gemma3 for Gemini 2.0, 2.5 and 3), summed.
 */
export function countGeminiTokens(encoding: { count(text: string): number }, contents: GeminiContents, config?: GeminiCountConfig): number {
  let total = 0;
  for (const text of geminiCountedTexts(contents, config)) total += encoding.count(text);
  return total;
}
