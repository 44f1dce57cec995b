// ai-tokenizer 1.0.6: pure JS with a dedicated count method. The encoding module is imported
// selectively, as its README advises.
export default {
  name: 'ai-tokenizer',
  label: 'ai-tokenizer',
  pkg: 'ai-tokenizer',
  async load() {
    const [{ Tokenizer }, o200k] = await Promise.all([
      import('ai-tokenizer'),
      import('ai-tokenizer/encoding/o200k_base'),
    ]);
    const tokenizer = new Tokenizer(o200k);
    return {
      count: (text) => tokenizer.count(text),
      encode: (text) => tokenizer.encode(text),
      encodeSpecial: (text, allowed) => tokenizer.encode(text, allowed),
    };
  },
};
