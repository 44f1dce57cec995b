// tiktoken 1.0.22: the Rust core compiled to WASM. It is the exact reference the other libraries are
// checked against. `encode` returns a Uint32Array; there is no count, so count = encode length.
// `encode_ordinary` treats special-token text as plain text, which is what a counter must do.
export default {
  name: 'tiktoken',
  label: 'tiktoken (WASM)',
  pkg: 'tiktoken',
  async load() {
    const { get_encoding } = await import('tiktoken');
    const enc = get_encoding('o200k_base');
    return {
      count: (text) => enc.encode_ordinary(text).length,
      encode: (text) => Array.from(enc.encode_ordinary(text)),
      encodeSpecial: (text, allowed) => Array.from(enc.encode(text, allowed)),
      // Only the reference decodes: the bench uses it to show the text around a mismatch.
      decode: (ids) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(enc.decode(Uint32Array.from(ids))),
    };
  },
};
