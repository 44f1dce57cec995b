/**
 * The hidden system text the Chat Completions server builds from function and tool definitions:
 * a TypeScript namespace. The rules and the evidence for each are in docs/tool-rendering.md
 * (section A); in short:
 *
 *     namespace functions {
 *
 *     // Get the current weather            one `// ` line per line of the description
 *     type get_weather = (_: {
 *     // The city                            a property's description, then the property
 *     location: string,
 *     unit?: "celsius" | "fahrenheit",       `?` unless required; enums as literals
 *     options?: {                            nested objects: flat with their descriptions (2024 and
 *     // Days ahead                          later), or indented by two without them (2023), see
 *     days?: number, // default: 1           tool-layouts.ts
 *     },
 *     }) => any;
 *
 *     } // namespace functions
 *
 * Measured (API-observed counts): the frame, `() => any` for no properties, descriptions, `?`,
 * string / number / boolean / null / any, string and integer enums, arrays, nested objects,
 * anyOf, `const` written as its plain type, `additionalProperties` and the parameters'
 * own description left out. Not measured, written as openai/harmony's reference renderer writes
 * them (the best public evidence): `default`, `title`, `examples`, `oneOf`, `nullable`, descriptions
 * over several lines, an object with no properties. `$ref` is `any`, as in harmony; `strict`,
 * `minimum`/`maximum`, `format` and `pattern` are not written. Properties keep their order.
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
   * unindented, with their descriptions) or `'indented-2023'` (what it rendered in 2023: indented by
   * two spaces, nested descriptions left out). `countChatTokens` picks one per model.
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

class Renderer {
  constructor(private readonly layout: ToolLayout) {}

  /** The type of `schema`, whose properties (if it is an object) sit at `depth`. */
  type(schema: JsonSchema, depth: number): string {
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
    if (Array.isArray(type)) return type.map((t) => this.type({ ...schema, type: t }, depth)).join(' | ');
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
      case 'array': {
        const items = schema['items'];
        return isSchema(items) ? `${this.type(items, depth)}[]` : 'any[]';
      }
      case 'object':
        return this.object(schema, depth);
      default:
        return isSchema(schema['properties']) ? this.object(schema, depth) : 'any';
    }
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

  /** `{`, the properties one level deeper, `}` back at this level's indent. */
  private object(schema: JsonSchema, depth: number): string {
    if (propertiesOf(schema).length === 0) return this.layout.emptyObject === 'braces' ? `{\n${this.pad(depth)}}` : 'object';
    return `{\n${this.properties(schema, depth + 1)}\n${this.pad(depth)}}`;
  }

  /** The property lines of an object whose properties sit at `depth` (0 for the parameters). */
  properties(schema: JsonSchema, depth: number): string {
    const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
    const pad = this.pad(depth);
    const comments = depth === 0 || this.layout.nestedComments;
    const lines: string[] = [];
    for (const [key, property] of propertiesOf(schema)) {
      const optional = required.includes(key) ? '' : '?';
      const description = stringOf(property['description']);
      const oneOf = property['oneOf'];
      if (comments) {
        const title = stringOf(property['title']);
        if (title !== undefined) lines.push(`${pad}// ${title}`, `${pad}//`);
        if (description !== undefined && !Array.isArray(oneOf)) lines.push(`${pad}// ${description}`);
        const examples = property['examples'];
        if (Array.isArray(examples) && examples.length > 0) {
          lines.push(`${pad}// Examples:`);
          for (const example of examples) if (typeof example === 'string') lines.push(`${pad}// - "${example}"`);
        }
      }
      if (Array.isArray(oneOf) && oneOf.length > 0) {
        // harmony's property-level oneOf: the description above (unless the first variant repeats
        // it), then one ` | variant` line each, then a line with the comma.
        const variants = oneOf.map(asSchema);
        const repeated = description !== undefined && stringOf(variants[0]?.['description']) === description;
        if (comments && description !== undefined && !repeated) lines.push(`${pad}// ${description}`);
        const fallback = comments ? defaultComment(property) : undefined;
        if (fallback !== undefined) lines.push(`${pad}// ${fallback}`);
        lines.push(`${pad}${key}${optional}:`);
        variants.forEach((variant, i) => {
          const comment = comments ? this.variantComment(variant, i === 0 && !repeated ? description : undefined) : '';
          lines.push(`${pad} | ${this.variant(variant, depth)}${comment}`);
        });
        lines.push(`${pad},`);
        continue;
      }
      const fallback = comments ? defaultComment(property) : undefined;
      lines.push(`${pad}${key}${optional}: ${this.variant(property, depth)},${fallback === undefined ? '' : ` // ${fallback}`}`);
    }
    return lines.join('\n');
  }
}

function renderFunction(fn: FunctionDefinition, renderer: Renderer): string {
  const lines: string[] = [];
  const description = stringOf(fn.description);
  // Each line of the description gets its own `// ` (harmony; no count has a multi-line one).
  if (description !== undefined) for (const line of description.split('\n')) lines.push(`// ${line}`);
  const parameters = fn.parameters ?? {};
  if (propertiesOf(parameters).length > 0) {
    lines.push(`type ${fn.name} = (_: {`, renderer.properties(parameters, 0), '}) => any;');
  } else {
    lines.push(`type ${fn.name} = () => any;`);
  }
  return lines.join('\n');
}

/** The namespace for definitions already checked (by the request schema): what counting renders. */
export function renderNamespace(functions: readonly FunctionDefinition[], layout: ToolLayout): string {
  const renderer = new Renderer(layout);
  const blocks = functions.map((fn) => `${renderFunction(fn, renderer)}\n`);
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
