import type ExcelJS from 'exceljs';
import type { HandlerContext } from './context';
import { publishExport } from './files';

/** Publishes a workbook as an export (kept for a short while, see files.ts) and returns its download URL. */
export async function publishWorkbook(ctx: Pick<HandlerContext, 'storage' | 'db' | 'now'>, book: ExcelJS.Workbook): Promise<string> {
  return publishExport(ctx, { ext: 'xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) });
}
