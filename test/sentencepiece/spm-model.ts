/**
 * A SentencePiece model proto (sentencepiece_model.proto) built from Gemma 3's tokenizer.json: the
 * same pieces in id order, USER_DEFINED for the added tokens not marked special, CONTROL for the
 * special ones (UNKNOWN for <unk>), BYTE for <0x00>…<0xFF>, NORMAL with a score in merge order for
 * the rest; BPE with byte fallback; normaliser: spaces to ▁ only (no dummy prefix, no collapsing of
 * spaces, as Google's SDK requires of the real model). It stands in for
 * gemma3_cleaned_262144_v2.spiece.model, which cannot be downloaded here, so that the GenAI SDK's
 * own SentencePiece code can be run on the same vocabulary (docs/gemini-tokenizer.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface TokenizerJson {
  added_tokens: { id: number; content: string; special: boolean }[];
  model: { vocab: Record<string, number>; merges: [string, string][] };
}

const NORMAL = 1;
const UNKNOWN = 2;
const CONTROL = 3;
const USER_DEFINED = 4;
const BYTE = 6;
const BPE = 2;

class ProtoWriter {
  readonly bytes: number[] = [];

  varint(value: number): this {
    while (value >= 0x80) {
      this.bytes.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    this.bytes.push(value);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  int(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }

  float(field: number, value: number): this {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, true);
    this.tag(field, 5);
    for (let i = 0; i < 4; i++) this.bytes.push(view.getUint8(i));
    return this;
  }

  bytesField(field: number, value: Uint8Array | number[]): this {
    this.tag(field, 2).varint(value.length);
    for (const b of value) this.bytes.push(b);
    return this;
  }
}

export function gemma3SentencePieceModel(root: string): Uint8Array {
  const json = JSON.parse(readFileSync(join(root, 'node_modules', '@lenml', 'tokenizer-gemma3', 'models', 'tokenizer.json'), 'utf8')) as TokenizerJson;
  const { vocab, merges } = json.model;
  const pieces: string[] = [];
  for (const [piece, id] of Object.entries(vocab)) pieces[id] = piece;
  const added = new Map(json.added_tokens.map((t) => [t.id, t]));
  const firstMerge = new Map<number, number>();
  merges.forEach(([a, b], rank) => {
    const made = vocab[a + b]!;
    if (!firstMerge.has(made)) firstMerge.set(made, rank);
  });
  const encoder = new TextEncoder();
  const model = new ProtoWriter();
  pieces.forEach((piece, id) => {
    const token = added.get(id);
    let type = NORMAL;
    let score = 0;
    if (token !== undefined) type = token.special ? (piece === '<unk>' ? UNKNOWN : CONTROL) : USER_DEFINED;
    else if (/^<0x[0-9A-F]{2}>$/.test(piece)) type = BYTE;
    else score = -(firstMerge.get(id) ?? merges.length + id);
    const entry = new ProtoWriter().bytesField(1, encoder.encode(piece)).float(2, score).int(3, type);
    model.bytesField(1, entry.bytes);
  });
  const trainer = new ProtoWriter().int(3, BPE).int(4, pieces.length).int(35, 1).int(40, 3).int(41, 2).int(42, 1).int(43, 0);
  model.bytesField(2, trainer.bytes);
  const normalizer = new ProtoWriter().bytesField(1, encoder.encode('identity')).int(3, 0).int(4, 0).int(5, 1);
  model.bytesField(3, normalizer.bytes);
  return Uint8Array.from(model.bytes);
}
