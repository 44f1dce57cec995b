import type { SentencePieceForm } from './data-form.js';
import { corruptData } from './data-form.js';

/** The UTF-8 bytes of `▁` (U+2581), SentencePiece's stand-in for a space. */
export const SPACE_MARK_BYTES = [0xe2, 0x96, 0x81] as const;

/** A merge's rank packs four fields; see `PieceVocabulary.mergeRank`. */
const CHARACTER_BITS = 5;
const ID_BITS = 18;
const MAX_CHARACTERS = (1 << CHARACTER_BITS) - 1;
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The pieces of a SentencePiece BPE vocabulary: their bytes in one arena plus offsets (the layout
 * of rust-gems' bpe crate), an open-addressing hash from bytes to id, and what the merge loop needs
 * of each piece — its length in characters and its merge class.
 *
 * Why a hash of byte ranges and no table of merges: the merges are exactly the pairs of pieces
 * whose concatenation is a piece (scripts/convert-gemma3.mjs checks it), and adjacent symbols are
 * adjacent byte ranges of the word, so "is there a merge for this pair" is one lookup of the range
 * they cover together, and its rank follows from the merged piece (see `mergeRank`).
 */
export class PieceVocabulary {
  readonly pieceCount: number;
  /** Where each piece starts in `arena`; piece `id` is `arena[offsets[id]..offsets[id + 1])`. */
  readonly offsets: Uint32Array;
  readonly arena: Uint8Array;
  /** Each piece's length in characters (code points). */
  readonly characters: Uint8Array;
  /** Each piece's length once decoded (`▁` becomes a one-byte space; a byte piece is one byte). */
  readonly decodedLengths: Uint32Array;
  readonly mergeClass: Int32Array;
  /** The longest piece, in bytes: longer ranges are not looked up. */
  readonly maxPieceBytes: number;
  readonly byteBase: number;
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** The id of each one-character piece of the BMP, by code point; -1 where there is none. */
  readonly #bmpCharacters = new Int32Array(0x10000).fill(-1);
  readonly #astralCharacters = new Map<number, number>();

  constructor(form: SentencePieceForm, source: string) {
    const { pieceCount, lengths, arena, mergeClass, byteBase } = form;
    if (pieceCount > 1 << ID_BITS) throw corruptData(source, `${pieceCount} pieces do not fit the merge rank's ${ID_BITS} bits`);
    this.pieceCount = pieceCount;
    this.arena = arena;
    this.mergeClass = mergeClass;
    this.byteBase = byteBase;
    const offsets = new Uint32Array(pieceCount + 1);
    let maxPieceBytes = 0;
    for (let id = 0; id < pieceCount; id++) {
      offsets[id + 1] = offsets[id]! + lengths[id]!;
      maxPieceBytes = Math.max(maxPieceBytes, lengths[id]!);
    }
    if (offsets[pieceCount] !== arena.length) throw corruptData(source, 'its piece lengths do not add up to its arena');
    this.offsets = offsets;
    this.maxPieceBytes = maxPieceBytes;

    const characters = new Uint8Array(pieceCount);
    const decodedLengths = new Uint32Array(pieceCount);
    for (let id = 0; id < pieceCount; id++) {
      let chars = 0;
      let marks = 0;
      for (let i = offsets[id]!, end = offsets[id + 1]!; i < end; i++) {
        const byte = arena[i]!;
        if ((byte & 0xc0) !== 0x80) chars++;
        if (byte === SPACE_MARK_BYTES[0] && arena[i + 1] === SPACE_MARK_BYTES[1] && arena[i + 2] === SPACE_MARK_BYTES[2] && i + 2 < end) {
          marks++;
        }
      }
      if (chars === 0 || chars > MAX_CHARACTERS) throw corruptData(source, `piece ${id} is ${chars} characters long`);
      characters[id] = chars;
      if (chars === 1) this.#addCharacter(id);
      decodedLengths[id] = offsets[id + 1]! - offsets[id]! - 2 * marks;
    }
    for (let b = 0; b < 256; b++) {
      const id = byteBase + b;
      const hex = b.toString(16).toUpperCase().padStart(2, '0');
      if (id >= pieceCount || this.#text(id) !== `<0x${hex}>`) throw corruptData(source, `piece ${id} is not the byte piece <0x${hex}>`);
      decodedLengths[id] = 1;
    }
    this.characters = characters;
    this.decodedLengths = decodedLengths;

    // Twice as many slots as pieces or more, a power of two: short probe runs.
    let bits = 1;
    while (1 << bits < 2 * pieceCount) bits++;
    const slots = new Int32Array(1 << bits).fill(-1);
    const mask = (1 << bits) - 1;
    for (let id = 0; id < pieceCount; id++) {
      let slot = hashBytes(arena, offsets[id]!, offsets[id + 1]!) & mask;
      while (slots[slot] !== -1) {
        if (this.#equals(slots[slot]!, arena, offsets[id]!, offsets[id + 1]!)) throw corruptData(source, `pieces ${slots[slot]} and ${id} are the same text`);
        slot = (slot + 1) & mask;
      }
      slots[slot] = id;
    }
    this.#slots = slots;
    this.#mask = mask;
  }

  /** The id of the one-character piece of code point `cp`, or -1. */
  characterId(cp: number): number {
    return cp < 0x10000 ? this.#bmpCharacters[cp]! : (this.#astralCharacters.get(cp) ?? -1);
  }

  #addCharacter(id: number): void {
    const arena = this.arena;
    const at = this.offsets[id]!;
    const lead = arena[at]!;
    const cp =
      lead < 0x80
        ? lead
        : lead < 0xe0
          ? ((lead & 0x1f) << 6) | (arena[at + 1]! & 0x3f)
          : lead < 0xf0
            ? ((lead & 0x0f) << 12) | ((arena[at + 1]! & 0x3f) << 6) | (arena[at + 2]! & 0x3f)
            : ((lead & 0x07) << 18) | ((arena[at + 1]! & 0x3f) << 12) | ((arena[at + 2]! & 0x3f) << 6) | (arena[at + 3]! & 0x3f);
    if (cp < 0x10000) this.#bmpCharacters[cp] = id;
    else this.#astralCharacters.set(cp, id);
  }

  /** The id of the piece whose bytes are `bytes[start..end)`, or -1. */
  idOf(bytes: Uint8Array, start: number, end: number): number {
    if (end - start > this.maxPieceBytes) return -1;
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = hashBytes(bytes, start, end) & mask;
    for (;;) {
      const id = slots[slot]!;
      if (id === -1 || this.#equals(id, bytes, start, end)) return id;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The rank of the merge of `left` and `right` into `made`: lower merges first. Upstream orders
   * its merge list by the score of the merged piece, then the longer left part, then the longer right
   * part, then the merged piece's id; the class stands for the score, so this packs (class,
   * 31 − left characters, 31 − right characters, id) into 18 + 5 + 5 + 18 = 46 bits, exact in a
   * double. -1 when `made` is made by no merge (then it is not a merge of these two).
   */
  mergeRank(left: number, right: number, made: number): number {
    const cls = this.mergeClass[made]!;
    if (cls < 0) return -1;
    const characters = this.characters;
    return ((cls * 32 + (MAX_CHARACTERS - characters[left]!)) * 32 + (MAX_CHARACTERS - characters[right]!)) * (1 << ID_BITS) + made;
  }

  #equals(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.offsets[id]!;
    if (this.offsets[id + 1]! - from !== end - start) return false;
    const arena = this.arena;
    for (let i = 0; i < end - start; i++) if (arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  #text(id: number): string {
    return utf8Decoder.decode(this.arena.subarray(this.offsets[id], this.offsets[id + 1]));
  }
}

/** FNV-1a over a byte range, 32 bits. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}
