/** Plain-text tables: columns padded to their widest cell, two spaces apart, no trailing spaces. */

export interface Column {
  header: string;
  /** Numbers read best right-aligned. @default 'left' */
  align?: 'left' | 'right';
}

/** A row of cells, or `'rule'` for a line of dashes under every column (before a total). */
export type Row = readonly string[] | 'rule';

export function formatTable(columns: readonly Column[], rows: readonly Row[]): string {
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row === 'rule' ? 0 : (row[i] ?? '').length))),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    ...rows.map((row) => (row === 'rule' ? widths.map((width) => '-'.repeat(width)).join('  ') : line(row))),
  ].join('\n');
}
