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
