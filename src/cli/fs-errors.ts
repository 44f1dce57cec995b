import { lstatSync } from 'node:fs';

/**
 * Why a path could not be read, in a few words a person recognises, with the system's code:
 * `permission denied (EACCES)`, `symbolic link loop (ELOOP)`, `dangling symbolic link (ENOENT)`,
 * `vanished while being read (ENOENT)`. One place for the wording, used by every command.
 */
export function describeFsError(error: unknown, path: string, during: 'open' | 'read' = 'open'): string {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const tag = code === undefined ? '' : ` (${code})`;
  switch (code) {
    case 'ENOENT':
      if (during === 'read') return `vanished while being read${tag}`;
      return isSymbolicLink(path) ? `dangling symbolic link${tag}` : `no such file or directory${tag}`;
    case 'ELOOP':
      return `symbolic link loop${tag}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${tag}`;
    case 'EISDIR':
      return `is a directory${tag}`;
    case 'EIO':
      return `input/output error${tag}`;
    default:
      return `${(error as Error)?.message ?? String(error)}`;
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
