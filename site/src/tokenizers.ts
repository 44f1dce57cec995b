import { ENCODING_NAMES, listModels, modelTokenizer, type EncodingName } from 'tokmeter';

/** What the selector can count with: an encoding by name, or a model by id (through its tokenizer). */
export interface TokenizerChoice {
  /** The option's value: an encoding name or a model id (the two never collide). */
  readonly value: string;
  readonly label: string;
  readonly encoding: EncodingName;
  /** True when `encoding` stands in for a tokenizer that is not public. */
  readonly approximate: boolean;
}

export interface ChoiceGroup {
  readonly label: string;
  readonly choices: readonly TokenizerChoice[];
}

const PROVIDERS = { openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google' } as const;

/**
 * The built-in encoding a catalog model counts with on this page. The page registers no optional
 * encoding data (tokmeter-open), so every catalog model resolves to one of the built-in encodings;
 * anything else would be a bug, said plainly rather than counted with the wrong encoding.
 */
export function pageTokenizer(id: string): { readonly encoding: EncodingName; readonly approximate: boolean; readonly family: string } {
  const { encoding, approximate, family } = modelTokenizer(id);
  if (!(ENCODING_NAMES as readonly string[]).includes(encoding)) throw new Error(`playground: ${id} counts with ${encoding}, which this page does not load`);
  return { encoding: encoding as EncodingName, approximate, family };
}

/** The selector's options: the encodings, then every built-in model grouped by provider. */
export function tokenizerGroups(): ChoiceGroup[] {
  const encodings = ENCODING_NAMES.map((name) => ({ value: name, label: name, encoding: name, approximate: false }));
  const byProvider = new Map<keyof typeof PROVIDERS, TokenizerChoice[]>();
  for (const id of listModels()) {
    const { encoding, approximate, family } = pageTokenizer(id);
    const provider = family as keyof typeof PROVIDERS;
    const label = `${id} (${approximate ? '≈ ' : ''}${encoding})`;
    const list = byProvider.get(provider) ?? [];
    list.push({ value: id, label, encoding, approximate });
    byProvider.set(provider, list);
  }
  const models = [...byProvider].map(([provider, choices]) => ({ label: `${PROVIDERS[provider]} models`, choices }));
  return [{ label: 'Encodings', choices: encodings }, ...models];
}
