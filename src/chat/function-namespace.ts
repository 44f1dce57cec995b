/**
 * The hidden system text the API builds from function and tool definitions: a TypeScript namespace.
 *
 *     namespace functions {
 *
 *     // Get the current weather
 *     type get_weather = (_: {
 *     // The city
 *     location: string,
 *     unit?: "celsius" | "fahrenheit",
 *     }) => any;
 *
 *     } // namespace functions
 *
 * Layout inferred from API-observed counts (hmarr/openai-chat-tokens, validated against the live
 * API, and the OpenAI cookbook's tool examples); the same layout is documented for gpt-oss in the
 * harmony guide. Properties keep their order, so reordering `properties` can change the count;
 * the order of the other schema keywords does not matter.
 */
import { describeValue } from '../describe.js';
import { InvalidArgumentError } from '../errors.js';
import { readOptions } from '../options.js';
import { lazy } from '../zod.js';
import { FunctionDefinitionSchema, parseOrThrow, readRequest } from './schema.js';
import type { FunctionDefinition, JsonSchema } from './types.js';

export interface NamespaceOptions {
  /**
   * Render `description` comments for properties of nested objects, not only top-level ones.
   * The API-observed counts (hmarr-34, hmarr-35) show nested descriptions left out; newer models
   * are reported to render them, so this is an option.
   * @default false
   */
  readonly nestedDescriptions?: boolean;
}

const INDENT_STEP = 2;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function literal(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
  const properties = schema['properties'];
  if (!isSchema(properties)) return [];
  return Object.entries(properties).map(([key, value]) => [key, isSchema(value) ? value : {}]);
}

function renderType(schema: JsonSchema, indent: number, options: Required<NamespaceOptions>): string {
  const anyOf = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(anyOf) && anyOf.length > 0) {
    return anyOf.map((variant) => renderType(isSchema(variant) ? variant : {}, indent, options)).join(' | ');
  }
  // `const` is not rendered: the API's counts for anyOf-of-const schemas (hmarr-24…27) match the
  // plain type (`kind?: string`), not a literal (`kind?: "a"`).
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues) && enumValues.length > 0) return enumValues.map(literal).join(' | ');

  const type = schema['type'];
  if (Array.isArray(type)) {
    return type.map((t) => renderType({ ...schema, type: t }, indent, options)).join(' | ');
  }
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
      return isSchema(items) ? `${renderType(items, indent, options)}[]` : 'any[]';
    }
    case 'object':
      return renderObject(schema, indent, options);
    default:
      return isSchema(schema['properties']) ? renderObject(schema, indent, options) : 'any';
  }
}

/** `{`, one line per property indented one step deeper, `}` back at the current indent. */
function renderObject(schema: JsonSchema, indent: number, options: Required<NamespaceOptions>): string {
  const properties = propertiesOf(schema);
  if (properties.length === 0) return 'object';
  const inner = renderProperties(schema, indent + INDENT_STEP, options, false);
  return `{\n${inner}\n${' '.repeat(indent)}}`;
}

function renderProperties(
  schema: JsonSchema,
  indent: number,
  options: Required<NamespaceOptions>,
  topLevel: boolean,
): string {
  const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, property] of propertiesOf(schema)) {
    const description = property['description'];
    if (typeof description === 'string' && description !== '' && (topLevel || options.nestedDescriptions)) {
      lines.push(`${pad}// ${description}`);
    }
    const optional = required.includes(key) ? '' : '?';
    lines.push(`${pad}${key}${optional}: ${renderType(property, indent, options)},`);
  }
  return lines.join('\n');
}

function renderFunction(fn: FunctionDefinition, options: Required<NamespaceOptions>): string {
  const lines: string[] = [];
  if (fn.description !== undefined && fn.description !== '') lines.push(`// ${fn.description}`);
  const parameters = fn.parameters ?? {};
  if (propertiesOf(parameters).length > 0) {
    lines.push(`type ${fn.name} = (_: {`, renderProperties(parameters, 0, options, true), '}) => any;');
  } else {
    lines.push(`type ${fn.name} = () => any;`);
  }
  return lines.join('\n');
}

/** The namespace for definitions already checked (by the request schema): what counting renders. */
export function renderNamespace(functions: readonly FunctionDefinition[], options: Required<NamespaceOptions>): string {
  const blocks = functions.map((fn) => `${renderFunction(fn, options)}\n`);
  return ['namespace functions {', '', ...blocks, '} // namespace functions'].join('\n');
}

const FunctionsSchema = lazy((z) => z.array(FunctionDefinitionSchema()));

/**
 * Render function definitions the way the API does before counting them. Each definition must
 * have a non-empty `name` (else a `ChatValidationError` naming `functions[i].name`); the schemas are
 * read to 100 levels of nesting, and a cycle is an error, not a stack overflow.
 */
export function renderFunctionNamespace(functions: readonly FunctionDefinition[], options?: NamespaceOptions): string {
  const { nestedDescriptions } = readOptions(options, ['nestedDescriptions'], 'renderFunctionNamespace');
  if (nestedDescriptions !== undefined && typeof nestedDescriptions !== 'boolean') {
    throw new InvalidArgumentError('options.nestedDescriptions', `must be true or false, got ${describeValue(nestedDescriptions)}.`);
  }
  const copy = readRequest(functions, 'an array of function definitions [{ name, description?, parameters? }]', 'functions');
  const checked = parseOrThrow(FunctionsSchema(), copy, ['functions']) as FunctionDefinition[];
  return renderNamespace(checked, { nestedDescriptions: nestedDescriptions ?? false });
}
