// tokmeter's rank form, TKMR version 1 (little-endian), written by the scripts that make rank data
// (generate-encodings.mjs for the bundled encodings, convert-open-encodings.mjs for tokmeter-open):
//   "TKMR" | u32 version = 1 | u32 rank count R | u32 total token bytes B
//   | R bytes: the length of each rank's token (0: no token has that rank)
//   | B bytes: the tokens' bytes, concatenated in rank order
// src/encodings/rank-form.ts reads it.

/** The rank form of `byRank` (a Buffer per rank, undefined for a rank no token has); throws a message naming `name` for a token that does not fit. */
export function rankForm(byRank, name) {
  const rankCount = byRank.length;
  let totalBytes = 0;
  for (let rank = 0; rank < rankCount; rank++) {
    const token = byRank[rank];
    if (token === undefined) continue;
    if (token.length === 0 || token.length > 255) throw new Error(`tokmeter: ${name}: token ${rank} has length ${token.length}`);
    totalBytes += token.length;
  }
  const buffer = Buffer.alloc(16 + rankCount + totalBytes);
  buffer.write('TKMR', 0, 'latin1');
  buffer.writeUInt32LE(1, 4);
  buffer.writeUInt32LE(rankCount, 8);
  buffer.writeUInt32LE(totalBytes, 12);
  let at = 16 + rankCount;
  for (let rank = 0; rank < rankCount; rank++) {
    const token = byRank[rank];
    if (token === undefined) continue;
    buffer[16 + rank] = token.length;
    token.copy(buffer, at);
    at += token.length;
  }
  return buffer;
}

// A rank file whose ranks begin with all of another's (p50k_base: r50k_base's 50,256 ranks, then 25
// more) ships only what it adds, in the extension form, TKMX version 1 (little-endian):
//   "TKMX" | u32 version = 1 | u32 base rank count F | u32 added rank count E | u32 added token bytes X
//   | E bytes: the lengths of ranks F .. F+E-1 (0: no token has that rank)
//   | X bytes: those tokens' bytes, concatenated in rank order
// Joined to the base's rank form (src/encodings/rank-form.ts, joinExtension), it is byte for byte
// the rank form of the whole file, whose SHA-256 the library checks.

/** The extension form of `byRank` over `baseByRank`; throws a message naming `name` unless every base rank is the same token in both. */
export function extensionForm(byRank, baseByRank, name) {
  const first = baseByRank.length;
  if (byRank.length < first) throw new Error(`tokmeter: ${name} has fewer ranks than the file it would extend`);
  for (let rank = 0; rank < first; rank++) {
    const mine = byRank[rank];
    const base = baseByRank[rank];
    if ((mine === undefined) !== (base === undefined) || (mine !== undefined && !mine.equals(base))) {
      throw new Error(`tokmeter: ${name}'s rank ${rank} differs from the file it would extend`);
    }
  }
  const whole = rankForm(byRank, name);
  const added = byRank.length - first;
  const baseBytes = rankForm(baseByRank, name).readUInt32LE(12);
  const addedBytes = whole.readUInt32LE(12) - baseBytes;
  const buffer = Buffer.alloc(20 + added + addedBytes);
  buffer.write('TKMX', 0, 'latin1');
  buffer.writeUInt32LE(1, 4);
  buffer.writeUInt32LE(first, 8);
  buffer.writeUInt32LE(added, 12);
  buffer.writeUInt32LE(addedBytes, 16);
  whole.copy(buffer, 20, 16 + first, 16 + byRank.length);
  whole.copy(buffer, 20 + added, 16 + byRank.length + baseBytes);
  return buffer;
}
