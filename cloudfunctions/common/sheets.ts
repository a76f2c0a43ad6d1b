import ExcelJS from 'exceljs';
import type { HandlerContext } from './context';
import { AppError } from './errors';
import { publishExport } from './files';

/** Publishes a workbook as an export (kept for a short while, see files.ts) and returns its download URL. */
export async function publishWorkbook(ctx: Pick<HandlerContext, 'storage' | 'db' | 'now'>, book: ExcelJS.Workbook): Promise<string> {
  return publishExport(ctx, { ext: 'xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) });
}

/** A cell as the text a person typed: dates as YYYY-MM-DD, rich text and formulas as their text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}

/** The first sheet of an uploaded workbook, or a clear refusal. */
export async function firstSheet(content: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  try {
    // exceljs's typings take an ArrayBuffer (its `Buffer` type); the bytes are copied into one.
    await book.xlsx.load(new Uint8Array(content).buffer);
  } catch {
    throw new AppError('INVALID_INPUT', '无法读取文件，请上传 .xlsx 格式的表格');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('INVALID_INPUT', '表格是空的');
  return sheet;
}
