import type ExcelJS from 'exceljs';
import type { HandlerContext } from './context';
import { AppError } from './errors';

/** Stores a workbook and returns a temporary download URL. */
export async function publishWorkbook(ctx: Pick<HandlerContext, 'storage'>, cloudPath: string, book: ExcelJS.Workbook): Promise<string> {
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  const { fileID } = await ctx.storage.uploadFile({ cloudPath, fileContent: buffer });
  const url = (await ctx.storage.getTempFileURL({ fileList: [fileID] })).fileList[0]?.tempFileURL;
  if (!url) throw new AppError('INTERNAL', '文件生成失败，请稍后再试');
  return url;
}
