import ExcelJS from 'exceljs';

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
