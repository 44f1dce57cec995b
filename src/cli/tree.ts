import { groupDigits } from './format.js';
import type { Row } from './table.js';

/**
 * The counted files as a folder tree with totals, for `count --tree` and its JSON. Paths are split
 * at `/`; a path that starts with `/` hangs under a `/` node, standard input is a file named `-`.
 */

export interface TreeNode {
  /** The path of the folder or file, as shown in the file list (`.` for the top). */
  path: string;
  name: string;
  tokens: number;
  bytes: number;
  /** Files at or below this node. */
  files: number;
  /** Present on folders: the entries, sorted. */
  children?: TreeNode[];
}

/** What `--json` carries: `{ path, tokens, bytes, children? }`. */
export interface TreeJson {
  path: string;
  tokens: number;
  bytes: number;
  children?: TreeJson[];
}

export type SortKey = 'tokens' | 'path';

function childPath(parent: string, name: string): string {
  if (parent === '.') return name;
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

function byKey(key: SortKey): (a: TreeNode, b: TreeNode) => number {
  const byName = (a: TreeNode, b: TreeNode) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return key === 'path' ? byName : (a, b) => b.tokens - a.tokens || byName(a, b);
}

/** The tree of `files` (paths `/`-separated, without a leading `./`), every level sorted by `sort`. */
export function buildTree(files: readonly { path: string; tokens: number; bytes: number }[], sort: SortKey): TreeNode {
  const root: TreeNode = { path: '.', name: '.', tokens: 0, bytes: 0, files: 0, children: [] };
  const folders = new Map<string, TreeNode>([['.', root]]);
  for (const file of files) {
    const segments = file.path.split('/');
    if (segments[0] === '') segments[0] = '/';
    let node = root;
    node.tokens += file.tokens;
    node.bytes += file.bytes;
    node.files++;
    segments.forEach((name, i) => {
      if (name === '' && i > 0) return; // a doubled or trailing slash
      const path = childPath(node.path, name);
      const last = i === segments.length - 1;
      let next = last ? undefined : folders.get(path);
      if (next === undefined) {
        next = { path, name, tokens: 0, bytes: 0, files: 0, ...(!last && { children: [] }) };
        node.children!.push(next);
        if (!last) folders.set(path, next);
      }
      next.tokens += file.tokens;
      next.bytes += file.bytes;
      next.files++;
      node = next;
    });
  }
  const order = byKey(sort);
  const sortAll = (node: TreeNode) => {
    if (node.children === undefined) return;
    node.children.sort(order);
    node.children.forEach(sortAll);
  };
  sortAll(root);
  return root;
}

export function treeJson(node: TreeNode): TreeJson {
  return {
    path: node.path,
    tokens: node.tokens,
    bytes: node.bytes,
    ...(node.children !== undefined && { children: node.children.map(treeJson) }),
  };
}

/** A folder whose only entry is a folder is shown on one line with it: `src/cli/`. */
function collapse(node: TreeNode): { node: TreeNode; label: string } {
  let label = node.name === '/' ? '/' : `${node.name}/`;
  let current = node;
  while (current.children?.length === 1 && current.children[0]!.children !== undefined) {
    current = current.children[0]!;
    label += `${current.name}/`;
  }
  return { node: current, label };
}

const BRANCH = '├── ';
const LAST = '└── ';
const PIPE = '│   ';
const SPACE = '    ';

/**
 * The tree as table rows (tokens, bytes, path drawn with branches), largest first or by name as
 * built. Entries under `min` tokens are left out of each folder and summed up in a last line,
 * `N smaller files`. The top line is the folder all files share (`./` when they share none).
 */
export function treeRows(root: TreeNode, min: number): Row[] {
  const rows: Row[] = [];
  const row = (node: { tokens: number; bytes: number }, text: string) => rows.push([groupDigits(node.tokens), groupDigits(node.bytes), text]);
  const top = root.children?.length === 1 && root.children[0]!.children !== undefined ? collapse(root.children[0]!) : { node: root, label: './' };
  row(top.node, top.label);
  const walk = (folder: TreeNode, indent: string) => {
    const shown = folder.children!.filter((child) => child.tokens >= min);
    const hidden = folder.children!.filter((child) => child.tokens < min);
    const lines: { node: { tokens: number; bytes: number }; label: string; folder?: TreeNode }[] = shown.map((child) => {
      if (child.children === undefined) return { node: child, label: child.name };
      const merged = collapse(child);
      return { node: merged.node, label: merged.label, folder: merged.node };
    });
    if (hidden.length > 0) {
      const files = hidden.reduce((sum, child) => sum + child.files, 0);
      const sum = { tokens: hidden.reduce((s, c) => s + c.tokens, 0), bytes: hidden.reduce((s, c) => s + c.bytes, 0) };
      lines.push({ node: sum, label: `${groupDigits(files)} smaller ${files === 1 ? 'file' : 'files'}` });
    }
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      row(line.node, `${indent}${last ? LAST : BRANCH}${line.label}`);
      if (line.folder !== undefined) walk(line.folder, indent + (last ? SPACE : PIPE));
    });
  };
  if (top.node.children !== undefined) walk(top.node, '');
  return rows;
}
