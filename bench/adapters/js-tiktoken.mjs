// js-tiktoken 1.0.21: pure-JS port. The `lite` entry plus the o200k ranks module loads only the
// one encoding. No count method: count = encode length. Its encode throws on special-token text by
// default, so ordinary text is encoded with no specials allowed and none disallowed.
export default {
  name: 'js-tiktoken',
  label: 'js-tiktoken',
  pkg: 'js-tiktoken',
  async load() {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([
      import('js-tiktoken/lite'),
      import('js-tiktoken/ranks/o200k_base'),
    ]);
    const enc = new Tiktoken(ranks);
    return {
      count: (text) => enc.encode(text, [], []).length,
      encode: (text) => enc.encode(text, [], []),
      encodeSpecial: (text, allowed) => enc.encode(text, allowed),
    };
  },
};
