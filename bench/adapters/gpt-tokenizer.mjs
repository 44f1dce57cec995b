// gpt-tokenizer 4.0.0: pure JS with its own count path and a merge cache (left at its default size).
// By default it throws on special-token text; an empty disallowed set makes such text ordinary.
export default {
  name: 'gpt-tokenizer',
  label: 'gpt-tokenizer',
  pkg: 'gpt-tokenizer',
  async load() {
    const { countTokens, encode } = await import('gpt-tokenizer/encoding/o200k_base');
    const ordinary = { disallowedSpecial: new Set() };
    return {
      count: (text) => countTokens(text, ordinary),
      encode: (text) => encode(text, ordinary),
      encodeSpecial: (text, allowed) =>
        encode(text, { allowedSpecial: allowed === 'all' ? 'all' : new Set(allowed) }),
    };
  },
};
