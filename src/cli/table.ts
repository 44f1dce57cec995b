/** Plain-text tables: columns padded to their widest cell, two spaces apart, no trailing spaces. */

export interface Column {
  header: string;
  /**
   * `right` for counts; `decimal` for amounts with different numbers of decimals (`$0.005`,
   * `$0.01`), which lines up their decimal points and then right-aligns the column. @default 'left'
   */
  align?: 'left' | 'right' | 'decimal';
}

/** A row of cells, or `'rule'` for a line of dashes under every column (before a total). */
export type Row = readonly string[] | 'rule';

/** Pads each cell on the right so that the decimal points of a column line up. */
function alignDecimals(rows: readonly Row[], column: number): Row[] {
  const fraction = (cell: string) => (cell.includes('.') ? cell.length - cell.indexOf('.') : 0);
  const widest = Math.max(0, ...rows.map((row) => (row === 'rule' ? 0 : fraction(row[column] ?? ''))));
  return rows.map((row) => {
    if (row === 'rule') return row;
    const cell = row[column] ?? '';
    if (cell === '') return row;
    const padded = cell + ' '.repeat(widest - fraction(cell));
    return row.map((value, i) => (i === column ? padded : value));
  });
}

export function formatTable(columns: readonly Column[], body: readonly Row[]): string {
  let rows: readonly Row[] = body;
  columns.forEach((column, i) => {
    if (column.align === 'decimal') rows = alignDecimals(rows, i);
  });
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...rows.map((row) => (row === 'rule' ? 0 : (row[i] ?? '').length))),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'left' || column.align === undefined ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    ...rows.map((row) => (row === 'rule' ? widths.map((width) => '-'.repeat(width)).join('  ') : line(row))),
  ].join('\n');
}
