import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The paths git tracks, read from the index file (`.git/index`, versions 2, 3 and 4), as
 * `git ls-files --cached` lists them. The walk needs them for one case only: a tracked file that an
 * ignore rule matches is still listed by git (ignore rules apply to untracked files), so it is
 * counted too. Submodules (gitlinks) and the folder entries of a sparse index are left out: they
 * are folders, not files.
 *
 * Format (git's Documentation/gitformat-index.txt): a 12-byte header (`DIRC`, version, entry count),
 * then per entry 40 bytes of stat data (the mode at offset 24), the object id, 16 bits of flags
 * (name length in the low 12 bits; bit 14 says 16 more bits of flags follow, from version 3), and
 * the path: NUL-terminated and padded to a multiple of 8 bytes (versions 2 and 3), or written as
 * "drop N bytes of the previous path, then this suffix" (version 4).
 */

export type IndexRead = { paths: string[] } | { unreadable: string };

const GITLINK = 0o160000;
const DIRECTORY = 0o040000;
const TYPE_MASK = 0o170000;

export function readIndexPaths(gitDir: string, hashBytes: number): IndexRead {
  let data: Buffer;
  try {
    data = readFileSync(join(gitDir, 'index'));
  } catch (error) {
    // A repository without a commit or a staged file has no index: nothing is tracked.
    if ((error as { code?: unknown }).code === 'ENOENT') return { paths: [] };
    return { unreadable: (error as Error).message };
  }
  if (data.length < 12 || data.toString('latin1', 0, 4) !== 'DIRC') return { unreadable: 'it does not start with DIRC' };
  const version = data.readUInt32BE(4);
  if (version < 2 || version > 4) return { unreadable: `index version ${version} is not 2, 3 or 4` };
  const count = data.readUInt32BE(8);
  const paths: string[] = [];
  let offset = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let k = 0; k < count; k++) {
    const start = offset;
    if (start + 40 + hashBytes + 2 > data.length) return { unreadable: 'it ends inside an entry' };
    const mode = data.readUInt32BE(start + 24);
    offset = start + 40 + hashBytes;
    const flags = data.readUInt16BE(offset);
    offset += 2;
    if (version >= 3 && (flags & 0x4000) !== 0) offset += 2;
    let name: Buffer;
    if (version === 4) {
      // git's varint: 7 bits a byte, high bit "more", each continuation adding one before the shift.
      let byte = data[offset++]!;
      let drop = byte & 0x7f;
      while ((byte & 0x80) !== 0) {
        byte = data[offset++]!;
        drop = ((drop + 1) << 7) | (byte & 0x7f);
      }
      const end = data.indexOf(0, offset);
      if (end < 0 || drop > previous.length) return { unreadable: 'a path is cut short' };
      name = Buffer.concat([previous.subarray(0, previous.length - drop), data.subarray(offset, end)]);
      offset = end + 1;
    } else {
      const end = data.indexOf(0, offset);
      if (end < 0) return { unreadable: 'a path is cut short' };
      name = data.subarray(offset, end);
      // The entry, from its start to the end of the path, padded with 1 to 8 NULs to a multiple of 8.
      offset = start + ((end - start + 8) & ~7);
    }
    previous = name;
    const type = mode & TYPE_MASK;
    if (type === GITLINK || type === DIRECTORY) continue;
    paths.push(name.toString('utf8'));
  }
  // After the entries come extensions (a signature, a 32-bit size, the data), then the checksum. A
  // split index ("link") keeps most entries in another file, which is not read here.
  while (offset + 8 <= data.length - hashBytes) {
    if (data.toString('latin1', offset, offset + 4) === 'link') {
      return { unreadable: 'it is a split index (core.splitIndex), which tokmeter does not read' };
    }
    offset += 8 + data.readUInt32BE(offset + 4);
  }
  return { paths };
}
