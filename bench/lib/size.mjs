// Installed size: the bytes a user's node_modules gains by installing the library, i.e. its own
// package directory plus every package it depends on (optional peers that are not installed are not
// counted). Sizes are apparent file sizes, like `du --apparent-size`, so they do not depend on the
// file system's block size.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function directoryBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') total += directoryBytes(path);
    } else total += lstatSync(path).size;
  }
  return total;
}

/** Find `name` the way Node would from `fromDir`: its node_modules, then each parent's. */
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function withDependencies(rootDir, ownBytes) {
  const seen = new Set([rootDir]);
  const queue = [rootDir];
  let dependencies = 0;
  const names = [];
  while (queue.length > 0) {
    const dir = queue.shift();
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const depDir = resolvePackageDir(dep, dir);
      if (!depDir || seen.has(depDir)) continue;
      seen.add(depDir);
      queue.push(depDir);
      dependencies += directoryBytes(depDir);
      names.push(dep);
    }
  }
  return { packageBytes: ownBytes, totalBytes: ownBytes + dependencies, dependencies: names };
}

/** A competitor as installed in bench/node_modules. */
export function installedSize(benchRoot, pkg) {
  const dir = join(benchRoot, 'node_modules', pkg);
  return withDependencies(dir, directoryBytes(dir));
}

/** tokmeter as it would be installed: the unpacked `npm pack` copy, plus its dependencies. */
export function tokmeterInstalledSize(packageDir) {
  return withDependencies(packageDir, directoryBytes(packageDir));
}
