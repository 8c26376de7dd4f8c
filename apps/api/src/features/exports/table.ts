/**
 * What an export is made of, before it becomes a file: a title, lines printed above the table (data date,
 * filters, totals), the columns and rows, and the definitions (统计口径) of the figures. Cells say what they
 * hold — money stays integer fen until the file is written, rates stay fractions — so the xlsx and the CSV
 * format the same exact values.
 */
export interface Money {
  fen: number;
}
export interface Rate {
  /** a fraction: 1 = 100 % */
  rate: number;
}
export interface Points {
  /** a change of a ratio in percentage points (2.5 = 2.5 个百分点) */
  points: number;
}
export type Cell = string | number | null | Money | Rate | Points;

export const money = (fen: number | null | undefined): Cell => (fen == null ? null : { fen });
export const rate = (value: number | null | undefined): Cell => (value == null ? null : { rate: value });
export const points = (value: number | null | undefined): Cell => (value == null ? null : { points: value });

export function isMoney(cell: Cell): cell is Money {
  return typeof cell === 'object' && cell !== null && 'fen' in cell;
}
export function isRate(cell: Cell): cell is Rate {
  return typeof cell === 'object' && cell !== null && 'rate' in cell;
}
export function isPoints(cell: Cell): cell is Points {
  return typeof cell === 'object' && cell !== null && 'points' in cell;
}

export interface ExportTable {
  /** the view's name, e.g. 指标排名 */
  title: string;
  /** label → value lines above the table: 数据截至, 导出时间, 筛选条件, totals */
  info: Array<[string, string]>;
  columns: string[];
  rows: Cell[][];
  /** term → definition, on the second sheet */
  definitions: Array<[string, string]>;
}

/** Integer fen as a yuan string with two decimals, computed on integers (no float rounding). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
