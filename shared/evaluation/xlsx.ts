import ExcelJS from 'exceljs';
import type { SelfEvaluationSheet } from './sheets';

/**
 * Writes the self-evaluation sheets as an Excel workbook (xlsx): one worksheet per sheet, its title
 * in the first row, the headers in the second (frozen), the rows below. No I/O: returns the bytes.
 */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Row of the headers in every worksheet (the title is row 1). */
export const HEADER_ROW = 2;

export async function workbookBytes(sheets: readonly SelfEvaluationSheet[], meta: { creator: string; created: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator;
  workbook.created = meta.created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
    worksheet.columns = sheet.columns.map((column) => ({ width: column.width }));
    const title = worksheet.addRow([sheet.title]);
    title.font = { bold: true, size: 14 };
    const header = worksheet.addRow(sheet.columns.map((column) => column.header));
    header.font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row);
  }
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}

/** Reads a workbook back into sheets of plain cell values (for tests and for checking an upload). */
export async function readWorkbook(bytes: Buffer | ArrayBuffer): Promise<Array<{ name: string; rows: unknown[][] }>> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` as an ArrayBuffer; hand it an exact-size ArrayBuffer copy.
  const exact: ArrayBuffer = bytes instanceof ArrayBuffer ? bytes : new Uint8Array(bytes).buffer;
  await workbook.xlsx.load(exact);
  return workbook.worksheets.map((worksheet) => {
    const rows: unknown[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map((value) => (value === undefined ? null : value)));
    });
    return { name: worksheet.name, rows };
  });
}
