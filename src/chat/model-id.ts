/**
 * The bare model id the chat tables are keyed by: lower case, without a provider prefix
 * (`openai/gpt-4o`, `azure/…`) or a fine-tune wrapper (`ft:gpt-4o-mini-2024-07-18:org::id`) — the
 * same forms the encoding registry accepts, so every model it resolves finds its chat constants.
 */
export function baseModelId(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  if (id.startsWith('ft:')) id = id.slice(3).split(':')[0] ?? id;
  return id;
}
