/**
 * JSON Schema → TypeScript as the harmony renderer writes tool parameters for gpt-oss
 * (openai/harmony `src/encoding.rs`, `json_schema_to_typescript`, @f573ab5). It differs from the
 * Chat Completions namespace (function-namespace.ts): nested objects indent by four spaces,
 * `default`, `title` and `examples` become comments, `oneOf` variants go on their own lines.
 */
import type { JsonSchema } from './types.js';

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asSchema = (value: unknown): JsonSchema => (isSchema(value) ? value : {});

function hasEnum(schema: JsonSchema): boolean {
  const values = schema['enum'];
  return Array.isArray(values) && values.length > 0;
}

/** `default: "x"` for plain strings, `default: x` for enum strings, JSON otherwise. */
function defaultComment(schema: JsonSchema): string | undefined {
  if (!('default' in schema)) return undefined;
  const value = schema['default'];
  if (typeof value === 'string') return hasEnum(schema) ? `default: ${value}` : `default: "${value}"`;
  return `default: ${json(value)}`;
}

/** JSON text of a schema value; a value JSON cannot write (a bigint) is written as `String` would. */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function withNullable(schema: JsonSchema, type: string): string {
  return schema['nullable'] === true && !type.includes('null') ? `${type} | null` : type;
}

function variantComments(variant: JsonSchema, skipDescription: boolean, propertyDescription?: string): string {
  const comments: string[] = [];
  const description = variant['description'];
  if (!skipDescription && typeof description === 'string' && description !== propertyDescription) comments.push(description);
  const fallback = defaultComment(variant);
  if (fallback !== undefined) comments.push(fallback);
  return comments.length > 0 ? ` // ${comments.join(' ')}` : '';
}

function renderObject(schema: JsonSchema, indent: string): string {
  let out = '';
  const description = schema['description'];
  if (typeof description === 'string') out += `${indent}// ${description}\n`;
  out += '{\n';
  const properties = schema['properties'];
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r) => typeof r === 'string') : []);
  if (isSchema(properties)) {
    for (const [key, raw] of Object.entries(properties)) {
      const value = asSchema(raw);
      const optional = required.has(key) ? '' : '?';
      const title = value['title'];
      if (typeof title === 'string') out += `${indent}// ${title}\n${indent}//\n`;
      const oneOf = value['oneOf'];
      const propertyDescription = typeof value['description'] === 'string' ? value['description'] : undefined;
      if (!Array.isArray(oneOf) && propertyDescription !== undefined) out += `${indent}// ${propertyDescription}\n`;
      const examples = value['examples'];
      if (Array.isArray(examples) && examples.length > 0) {
        out += `${indent}// Examples:\n`;
        for (const example of examples) if (typeof example === 'string') out += `${indent}// - "${example}"\n`;
      }
      if (Array.isArray(oneOf)) {
        const variants = oneOf.map(asSchema);
        const skip = propertyDescription !== undefined && variants[0]?.['description'] === propertyDescription;
        const above = !skip && propertyDescription !== undefined;
        if (above) out += `${indent}// ${propertyDescription}\n`;
        const fallback = defaultComment(value);
        if (fallback !== undefined) out += `${indent}// ${fallback}\n`;
        out += `${indent}${key}${optional}:\n`;
        variants.forEach((variant, i) => {
          out += `${indent} | ${withNullable(variant, renderHarmonyType(variant, `${indent}   `))}`;
          out += variantComments(variant, i === 0 && above, propertyDescription);
          out += '\n';
        });
        out += `${indent},\n`;
        continue;
      }
      out += `${indent}${key}${optional}: ${withNullable(value, renderHarmonyType(value, `${indent}    `))},`;
      const fallback = defaultComment(value);
      if (fallback !== undefined) out += ` // ${fallback}`;
      out += '\n';
    }
  }
  return `${out}${indent}}`;
}

/** The TypeScript type for a JSON Schema, as harmony renders it. */
export function renderHarmonyType(schema: JsonSchema, indent: string): string {
  const oneOf = schema['oneOf'];
  if (Array.isArray(oneOf)) {
    let out = '';
    for (const raw of oneOf) {
      const variant = asSchema(raw);
      out += `\n${indent} | ${withNullable(variant, renderHarmonyType(variant, `${indent}   `))}`;
      out += variantComments(variant, false);
    }
    return out;
  }
  const type = schema['type'];
  if (Array.isArray(type)) {
    const names = type.filter((t): t is string => typeof t === 'string').map((t) => (t === 'integer' ? 'number' : t));
    if (names.length > 0) return names.join(' | ');
  }
  switch (type) {
    case 'object':
      return renderObject(schema, indent);
    case 'string': {
      const values = schema['enum'];
      const strings = Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
      return strings.length > 0 ? strings.map((v) => `"${v}"`).join(' | ') : 'string';
    }
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'items' in schema ? `${renderHarmonyType(asSchema(schema['items']), indent)}[]` : 'Array<any>';
    default:
      return 'any';
  }
}
