import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The git work tree a folder is in, found as git finds it: the nearest folder at or above it with a
 * `.git` folder, or a `.git` file saying `gitdir: …` (linked worktrees and submodules). Read from
 * the files, without running git.
 */
export interface GitRepo {
  /** The work tree's top folder, absolute. */
  root: string;
  /** Where this work tree's index is. */
  gitDir: string;
  /** Where `info/exclude` and `config` are (the main repository's, for a linked worktree). */
  commonDir: string;
  /** `core.ignorecase`: ignore rules compare ASCII letters without case (git sets it on macOS and Windows). */
  casefold: boolean;
  /** Object ids are 32 bytes in a SHA-256 repository, 20 otherwise; the index stores them. */
  hashBytes: number;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git folder a `.git` entry points to: itself, or the `gitdir:` line of a `.git` file. */
function gitDirOf(dotGit: string): string | undefined {
  if (isDirectory(dotGit)) return isDirectory(join(dotGit, 'objects')) || readText(join(dotGit, 'HEAD')) !== undefined ? dotGit : undefined;
  const line = /^gitdir: (.+)$/m.exec(readText(dotGit) ?? '')?.[1]?.trim();
  if (line === undefined) return undefined;
  const target = isAbsolute(line) ? line : resolve(dirname(dotGit), line);
  return isDirectory(target) ? target : undefined;
}

/** A boolean or string value of `config` in `[section]`, read the simple way (no includes). */
function configValue(config: string, section: string, key: string): string | undefined {
  let inSection = false;
  let value: string | undefined;
  for (const raw of config.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[\s*([^\]\s"]+)(?:\s+"[^"]*")?\s*\]$/.exec(line);
    if (header !== null) inSection = header[1]!.toLowerCase() === section && !/"/.test(line);
    else if (inSection) {
      const entry = /^([A-Za-z][\w-]*)\s*(?:=\s*(.*))?$/.exec(line);
      if (entry !== null && entry[1]!.toLowerCase() === key) value = entry[2] ?? 'true';
    }
  }
  return value;
}

/** The work tree `directory` (absolute) is in, or undefined outside one. */
export function findRepo(directory: string): GitRepo | undefined {
  for (let folder = directory; ; folder = dirname(folder)) {
    const gitDir = gitDirOf(join(folder, '.git'));
    if (gitDir !== undefined) {
      const common = readText(join(gitDir, 'commondir'))?.trim();
      const commonDir = common === undefined || common === '' ? gitDir : resolve(gitDir, common);
      const config = readText(join(commonDir, 'config')) ?? '';
      const casefold = /^(true|yes|on|1)$/i.test(configValue(config, 'core', 'ignorecase') ?? '');
      const sha256 = /^sha256$/i.test(configValue(config, 'extensions', 'objectformat') ?? '');
      return { root: folder, gitDir, commonDir, casefold, hashBytes: sha256 ? 32 : 20 };
    }
    if (dirname(folder) === folder) return undefined;
  }
}
