import ExcelJS from 'exceljs';
import { readStored } from './runtime';

export const IMPORT_HEADER = ['姓名', '性别', '手机号', '身份证号', '党员状态', '进入该阶段日期'];

/** An .xlsx file as a secretary would fill in the import template. */
export async function rosterFile(rows: (string | Date)[][], header = IMPORT_HEADER): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('党员名册');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Synthetic phone numbers: 1380000 followed by four digits. */
export const phoneOf = (i: number) => `1380000${String(i).padStart(4, '0')}`;

/** The rows of one sheet of a workbook a function published (its short-lived URL), as plain values. */
export async function readWorkbook(rt: Parameters<typeof readStored>[0], url: string, sheet: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(await readStored(rt, url)).buffer);
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}
