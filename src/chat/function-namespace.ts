/**
 * The hidden system text the Chat Completions server builds from function and tool definitions:
 * a TypeScript namespace. The rules and the evidence for each are in docs/tool-rendering.md
 * (sections A and H); in short, for the current layout:
 *
 *     namespace functions {
 *
 *     // Get the current weather            one `// ` line per line of the description, trimmed
 *     type get_weather = (_: {
 *     // City                                a property's title, then `//` and its description
 *     //
 *     // The city to look up
 *     location: string,
 *     unit?: "celsius" | "fahrenheit",       `?` unless required; enums as literals
 *     days?: number, // default: 1           defaults as trailing comments
 *     options?: { metric: boolean },         an object with no comment lines, on one line
 *     stops?: Array<                         an array of multi-line objects, the item's title above it
 *     // Stop
 *     {
 *     // Where
 *     place: string,
 *     }
 *     >,
 *     }) => any;
 *
 *     type ping = (_: { host: string }) => any;   no property has a comment line: one line
 *
 *     } // namespace functions
 *
 * Measured (API-observed counts): everything above, `() => any` for no properties, string /
 * number / boolean / null / any, integer enums, anyOf, `const` written as its plain type, local
 * `$ref`s replaced by their definition, the parameters' `title` before their brace,
 * `additionalProperties` and `strict` left out; in a strict function, a type list such as
 * `["string", "null"]` on a described property split over several lines (J1). Not measured,
 * written as openai/harmony's reference renderer writes them (the best public evidence):
 * `examples`, `oneOf`, `nullable`. Not written:
 * `minimum`/`maximum`, `format`, `pattern`. Properties keep their order.
 */
import { describeValue } from '../describe.js';
import { InvalidArgumentError } from '../errors.js';
import { readOptions } from '../options.js';
import { lazy } from '../zod.js';
import { FunctionDefinitionSchema, parseOrThrow, readRequest } from './schema.js';
import { TOOL_LAYOUTS, type ToolLayout, type ToolLayoutName } from './tool-layouts.js';
import type { FunctionDefinition, JsonSchema } from './types.js';

export interface NamespaceOptions {
  /**
   * How nested objects are laid out: `'flat'` (what the API renders since 2024: nested properties
   * unindented, with their descriptions, objects without comment lines on one line) or
   * `'indented-2023'` (what it rendered in 2023: indented by two spaces, nested descriptions left
   * out). `countChatTokens` picks one per model.
   * @default 'flat'
   */
  readonly toolLayout?: ToolLayoutName;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asSchema = (value: unknown): JsonSchema => (isSchema(value) ? value : {});

function literal(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : json(value);
}

/** JSON text of a schema value; one JSON cannot write (a bigint, undefined) as `String` writes it. */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
  const properties = schema['properties'];
  if (!isSchema(properties)) return [];
  return Object.entries(properties).map(([key, value]) => [key, asSchema(value)]);
}

function requiredOf(schema: JsonSchema): readonly unknown[] {
  return Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
}

function hasEnum(schema: JsonSchema): boolean {
  const values = schema['enum'];
  return Array.isArray(values) && values.length > 0;
}

/** `default: "x"` for a plain string, `default: x` for a string on an enum, JSON otherwise (harmony's rule). */
function defaultComment(schema: JsonSchema): string | undefined {
  if (!Object.hasOwn(schema, 'default')) return undefined;
  const value = schema['default'];
  if (typeof value === 'string') return hasEnum(schema) ? `default: ${value}` : `default: "${value}"`;
  return `default: ${json(value)}`;
}

/** ` | null` for an OpenAPI-style `nullable: true`, unless the type already says null (harmony's rule). */
function withNullable(schema: JsonSchema, type: string): string {
  return schema['nullable'] === true && !type.includes('null') ? `${type} | null` : type;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Text as comment lines, each trimmed and given its own `// ` (a blank line is `//`); none for blank text. */
function trimmedCommentLines(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split('\n').map((line) => (line.trim() === '' ? '//' : `// ${line.trim()}`));
}

/** A description on one line: its lines trimmed and joined by a space (for a comment after a union member). */
function oneLine(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/**
 * The schema a local JSON pointer (`#/$defs/Address`, `#/definitions/Address`, `#`) names inside
 * `root`, the parameters it appears in; undefined for any other reference.
 */
function pointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isSchema(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return isSchema(node) ? node : undefined;
}

/**
 * Renders the schemas of one function's parameters. `expanding` holds the `$ref`s being written,
 * so a schema that refers to itself is written as `any` the second time instead of recursing.
 */
class Renderer {
  private readonly expanding = new Set<string>();

  constructor(
    private readonly layout: ToolLayout,
    private readonly root: JsonSchema,
    /** Whether the function was sent with `strict: true` (J1: its type lists are split). */
    private readonly strict: boolean,
  ) {}

  /** `schema` with a local `$ref` replaced by its definition (the schema's own keys win), and that ref. */
  private resolve(schema: JsonSchema): { schema: JsonSchema; ref?: string } {
    const ref = schema['$ref'];
    if (typeof ref !== 'string' || this.expanding.has(ref)) return { schema };
    const target = pointer(this.root, ref);
    if (target === undefined) return { schema };
    const { $ref: _ref, ...own } = schema;
    return { schema: { ...target, ...own }, ref };
  }

  /** Run `write` with `ref` marked as being expanded. */
  private expand<T>(ref: string | undefined, write: () => T): T {
    if (ref === undefined) return write();
    this.expanding.add(ref);
    try {
      return write();
    } finally {
      this.expanding.delete(ref);
    }
  }

  /** The type of `raw` (resolved first), whose properties (if it is an object) sit at `depth`. */
  type(raw: JsonSchema, depth: number): string {
    const { schema, ref } = this.resolve(raw);
    return this.expand(ref, () => this.typeOf(schema, depth));
  }

  private typeOf(schema: JsonSchema, depth: number): string {
    const anyOf = schema['anyOf'];
    if (Array.isArray(anyOf) && anyOf.length > 0) return anyOf.map((v) => this.type(asSchema(v), depth)).join(' | ');
    const oneOf = schema['oneOf'];
    if (Array.isArray(oneOf) && oneOf.length > 0) {
      // harmony writes each variant on its own line, ` | ` first.
      const pad = this.pad(depth);
      return oneOf.map((v) => `\n${pad} | ${this.variant(asSchema(v), depth)}${this.variantComment(asSchema(v), undefined)}`).join('');
    }
    // `const` is not written: the API's counts for anyOf-of-const schemas (hmarr-24…27) match the
    // plain type (`kind?: string`), not a literal (`kind?: "a"`).
    const values = schema['enum'];
    if (Array.isArray(values) && values.length > 0) return values.map(literal).join(' | ');

    const type = schema['type'];
    if (Array.isArray(type)) return type.map((t) => this.typeOf({ ...schema, type: t }, depth)).join(' | ');
    switch (type) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        return this.array(schema, depth);
      case 'object':
        return this.object(schema, depth);
      default:
        return isSchema(schema['properties']) ? this.object(schema, depth) : 'any';
    }
  }

  /**
   * `T[]`, or in the flat layout `Array<\n…\n>` when the item type spans several lines, with the
   * item's own title and description as comment lines above it (crewAI TaskEvaluation cassettes).
   */
  private array(schema: JsonSchema, depth: number): string {
    const items = schema['items'];
    if (!isSchema(items)) return 'any[]';
    const { schema: item, ref } = this.resolve(items);
    return this.expand(ref, () => {
      const type = this.typeOf(item, depth);
      if (this.layout.multilineArrays === 'suffix' || !type.includes('\n')) return `${type}[]`;
      const pad = this.pad(depth);
      const comments = this.commentLines(item, stringOf(item['description']));
      return `Array<\n${comments.map((line) => `${pad}${line}\n`).join('')}${pad}${type}\n${pad}>`;
    });
  }

  private variant(schema: JsonSchema, depth: number): string {
    return withNullable(schema, this.type(schema, depth));
  }

  private variantComment(variant: JsonSchema, skipDescription: string | undefined): string {
    const comments: string[] = [];
    const description = stringOf(variant['description']);
    if (description !== undefined && description !== skipDescription) comments.push(description);
    const fallback = defaultComment(variant);
    if (fallback !== undefined) comments.push(fallback);
    return comments.length > 0 ? ` // ${comments.join(' ')}` : '';
  }

  private pad(depth: number): string {
    return ' '.repeat(depth * this.layout.indentStep);
  }

  /** A description as comment lines: trimmed and one `// ` per line (flat), or as sent on one line (2023). */
  private descriptionLines(description: string): string[] {
    return this.layout.commentLines === 'as-sent' ? [`// ${description}`] : trimmedCommentLines(description);
  }

  /** A title, then `//` and the description when there is one (the separator is only written between the two). */
  private commentLines(schema: JsonSchema, description: string | undefined): string[] {
    const lines = description === undefined ? [] : this.descriptionLines(description);
    const title = stringOf(schema['title']);
    if (title === undefined) return lines;
    return lines.length > 0 ? [`// ${title}`, '//', ...lines] : [`// ${title}`];
  }

  /** Whether a property has anything written as a comment: title, description, examples or a default. */
  private hasComments(property: JsonSchema): boolean {
    const examples = property['examples'];
    return (
      stringOf(property['title']) !== undefined ||
      stringOf(property['description']) !== undefined ||
      (Array.isArray(examples) && examples.length > 0) ||
      Object.hasOwn(property, 'default') ||
      Array.isArray(property['oneOf'])
    );
  }

  /**
   * `{ a: string, b?: number }` for an object none of whose properties has a comment line and
   * whose property types each fit on one line (flat layout); undefined otherwise.
   */
  private inline(schema: JsonSchema, depth: number): string | undefined {
    if (!this.layout.compactObjects) return undefined;
    const required = requiredOf(schema);
    const parts: string[] = [];
    for (const [key, raw] of propertiesOf(schema)) {
      const { schema: property, ref } = this.resolve(raw);
      if (this.hasComments(property)) return undefined;
      const type = this.expand(ref, () => this.variant(property, depth));
      if (type.includes('\n')) return undefined;
      parts.push(`${key}${required.includes(key) ? '' : '?'}: ${type}`);
    }
    return `{ ${parts.join(', ')} }`;
  }

  /** `{`, the properties one level deeper, `}` back at this level's indent; or the one-line form. */
  private object(schema: JsonSchema, depth: number): string {
    if (propertiesOf(schema).length === 0) return 'object';
    return this.inline(schema, depth + 1) ?? `{\n${this.properties(schema, depth + 1)}\n${this.pad(depth)}}`;
  }

  /** The function's parameters: the one-line form, or the properties on their own lines at column 0. */
  parameters(schema: JsonSchema): string {
    return this.inline(schema, 0) ?? `{\n${this.properties(schema, 0)}\n}`;
  }

  /** The property lines of an object whose properties sit at `depth` (0 for the parameters). */
  properties(schema: JsonSchema, depth: number): string {
    const required = requiredOf(schema);
    const lines: string[] = [];
    for (const [key, raw] of propertiesOf(schema)) {
      const { schema: property, ref } = this.resolve(raw);
      this.expand(ref, () => this.property(lines, key, property, !required.includes(key), depth));
    }
    return lines.join('\n');
  }

  private property(lines: string[], key: string, property: JsonSchema, optional: boolean, depth: number): void {
    const pad = this.pad(depth);
    const mark = optional ? '?' : '';
    const comments = depth === 0 || this.layout.nestedComments;
    const description = stringOf(property['description']);
    const oneOf = Array.isArray(property['oneOf']) && property['oneOf'].length > 0 ? property['oneOf'].map(asSchema) : undefined;
    // harmony's property-level oneOf: the description stays above unless the first variant repeats it.
    const repeated = oneOf !== undefined && description !== undefined && stringOf(oneOf[0]?.['description']) === description;
    if (comments) {
      lines.push(...this.commentLines(property, repeated ? undefined : description).map((line) => `${pad}${line}`));
      const examples = property['examples'];
      if (Array.isArray(examples) && examples.length > 0) {
        lines.push(`${pad}// Examples:`);
        for (const example of examples) if (typeof example === 'string') lines.push(`${pad}// - "${example}"`);
      }
    }
    const fallback = comments ? defaultComment(property) : undefined;
    const types = property['type'];
    if (this.strict && this.layout.strictTypeLists === 'split' && Array.isArray(types) && types.length > 1 && description !== undefined) {
      // J1: the key marked optional, one ` | type // description` line per listed type, a line with the comma.
      if (fallback !== undefined) lines.push(`${pad}// ${fallback}`);
      lines.push(`${pad}${key}?:`);
      const note = comments ? ` // ${oneLine(description)}` : '';
      for (const type of types) lines.push(`${pad} | ${this.typeOf({ ...property, type }, depth)}${note}`);
      lines.push(`${pad},`);
      return;
    }
    if (oneOf !== undefined) {
      // Then the default above, the key, one ` | variant` line each, and a line with the comma.
      if (fallback !== undefined) lines.push(`${pad}// ${fallback}`);
      lines.push(`${pad}${key}${mark}:`);
      oneOf.forEach((variant, i) => {
        const comment = comments ? this.variantComment(variant, i === 0 && !repeated ? description : undefined) : '';
        lines.push(`${pad} | ${this.variant(variant, depth)}${comment}`);
      });
      lines.push(`${pad},`);
      return;
    }
    lines.push(`${pad}${key}${mark}: ${this.variant(property, depth)},${fallback === undefined ? '' : ` // ${fallback}`}`);
  }
}

/** A function description as comment lines: trimmed, one `// ` per line (a blank line is `//`) in the flat layout; each line as sent in 2023. */
function functionDescriptionLines(description: string, layout: ToolLayout): string[] {
  return layout.commentLines === 'as-sent' ? description.split('\n').map((line) => `// ${line}`) : trimmedCommentLines(description);
}

function renderFunction(fn: FunctionDefinition, layout: ToolLayout): string {
  const description = stringOf(fn.description);
  const lines = description === undefined ? [] : functionDescriptionLines(description, layout);
  const parameters = fn.parameters ?? {};
  if (propertiesOf(parameters).length === 0) {
    lines.push(`type ${fn.name} = () => any;`);
  } else {
    // The parameters' own title sits before their brace, as in leaked tool text (`(_: // ToolCallV5\n{`);
    // their description is not written (hmarr-35).
    const title = layout.parametersTitle ? stringOf(parameters['title']) : undefined;
    const body = new Renderer(layout, parameters, fn.strict === true).parameters(parameters);
    lines.push(`type ${fn.name} = (_: ${title === undefined ? '' : `// ${title}\n`}${body}) => any;`);
  }
  return lines.join('\n');
}

/** The namespace for definitions already checked (by the request schema): what counting renders. */
export function renderNamespace(functions: readonly FunctionDefinition[], layout: ToolLayout): string {
  const blocks = functions.map((fn) => `${renderFunction(fn, layout)}\n`);
  return ['namespace functions {', '', ...blocks, '} // namespace functions'].join('\n');
}

const FunctionsSchema = lazy((z) => z.array(FunctionDefinitionSchema()));

/**
 * Render function definitions the way the API does before counting them. Each definition must
 * have a non-empty `name` (else a `ChatValidationError` naming `functions[i].name`); the schemas are
 * read to 100 levels of nesting, and a cycle is an error, not a stack overflow.
 */
export function renderFunctionNamespace(functions: readonly FunctionDefinition[], options?: NamespaceOptions): string {
  const { toolLayout } = readOptions(options, ['toolLayout'], 'renderFunctionNamespace');
  if (toolLayout !== undefined && !Object.hasOwn(TOOL_LAYOUTS, toolLayout as string)) {
    throw new InvalidArgumentError('options.toolLayout', `must be 'flat' or 'indented-2023', got ${describeValue(toolLayout)}.`);
  }
  const copy = readRequest(functions, 'an array of function definitions [{ name, description?, parameters? }]', 'functions');
  const checked = parseOrThrow(FunctionsSchema(), copy, ['functions']) as FunctionDefinition[];
  return renderNamespace(checked, TOOL_LAYOUTS[(toolLayout as ToolLayoutName | undefined) ?? 'flat']);
}
