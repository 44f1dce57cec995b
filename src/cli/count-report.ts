import { renderFit, type FitAnswer } from './fit-report.js';
import { groupDigits } from './format.js';
import { formatTable, type Row } from './table.js';
import { treeRows, type SortKey, type TreeNode } from './tree.js';

/** The text output of `tokmeter count`: the file list, the tree, the largest files, the fit. */

export interface CountedFile {
  path: string;
  tokens: number;
  bytes: number;
}

/** Largest first, ties by path; or by path. */
export function sortFiles(files: readonly CountedFile[], key: SortKey): CountedFile[] {
  const byPath = (a: CountedFile, b: CountedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return [...files].sort(key === 'path' ? byPath : (a, b) => b.tokens - a.tokens || byPath(a, b));
}

function totalRow(files: readonly CountedFile[], encoding: string): { tokens: number; bytes: number; label: string; files: number } {
  return {
    tokens: files.reduce((sum, file) => sum + file.tokens, 0),
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    label: `total, ${groupDigits(files.length)} ${files.length === 1 ? 'file' : 'files'} (${encoding})`,
    files: files.length,
  };
}

/** One row per file, then the total (left out for a single file). */
export function renderFiles(files: readonly CountedFile[], encoding: string): string {
  const rows: Row[] = files.map((file) => [groupDigits(file.tokens), groupDigits(file.bytes), file.path]);
  if (files.length !== 1) {
    const total = totalRow(files, encoding);
    rows.push('rule', [groupDigits(total.tokens), groupDigits(total.bytes), total.label]);
  }
  return formatTable([{ header: 'tokens', align: 'right' }, { header: 'bytes', align: 'right' }, { header: 'file' }], rows);
}

/** `12.3%`: a file's share of all tokens. */
function share(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The `n` largest files by tokens, each with its share, then the total of all files. */
export function renderTop(files: readonly CountedFile[], n: number, encoding: string): string {
  const total = totalRow(files, encoding);
  const top = sortFiles(files, 'tokens').slice(0, n);
  const rows: Row[] = top.map((file) => [groupDigits(file.tokens), groupDigits(file.bytes), share(file.tokens, total.tokens), file.path]);
  const held = top.reduce((sum, file) => sum + file.tokens, 0);
  rows.push('rule', [groupDigits(total.tokens), groupDigits(total.bytes), '100%', total.label]);
  const table = formatTable([{ header: 'tokens', align: 'right' }, { header: 'bytes', align: 'right' }, { header: 'share', align: 'right' }, { header: 'file' }], rows);
  const word = top.length === 1 ? 'file holds' : `${groupDigits(top.length)} files hold`;
  return `${table}\n\nThe largest ${word} ${share(held, total.tokens)} of the tokens.`;
}

/** The tree, then the total. */
function renderTree(root: TreeNode, min: number, files: readonly CountedFile[], encoding: string): string {
  const total = totalRow(files, encoding);
  const rows = treeRows(root, min);
  rows.push('rule', [groupDigits(total.tokens), groupDigits(total.bytes), total.label]);
  return formatTable([{ header: 'tokens', align: 'right' }, { header: 'bytes', align: 'right' }, { header: 'path' }], rows);
}

export interface CountReport {
  counted: readonly CountedFile[];
  encoding: string;
  sort: SortKey | undefined;
  tree: { root: TreeNode; min: number } | undefined;
  top: number | undefined;
  fit: { answers: readonly FitAnswer[]; output: number; at: string } | undefined;
}

/**
 * What `count` prints: the tree and the largest files when asked for, else the file list; with
 * `--fit` alone, one line of totals stands for the list, and the fit table follows.
 */
export function renderCount(report: CountReport): string {
  const { counted, encoding } = report;
  const sections: string[] = [];
  if (report.tree !== undefined) sections.push(renderTree(report.tree.root, report.tree.min, counted, encoding));
  if (report.top !== undefined) sections.push(renderTop(counted, report.top, encoding));
  if (sections.length === 0) {
    if (report.fit === undefined) sections.push(renderFiles(report.sort === undefined ? counted : sortFiles(counted, report.sort), encoding));
    else {
      const total = totalRow(counted, encoding);
      sections.push(`${groupDigits(total.tokens)} tokens in ${groupDigits(total.files)} ${total.files === 1 ? 'file' : 'files'}, ${groupDigits(total.bytes)} bytes (${encoding})`);
    }
  }
  if (report.fit !== undefined) sections.push(renderFit(report.fit.answers, report.fit.output, report.fit.at));
  return `${sections.join('\n\n')}\n`;
}
