// A report as a file to download: CSV that Excel in Japan opens as it is (UTF-8 with a
// byte-order mark, CRLF), or an XLSX workbook with a worksheet per table.
import type { Context } from 'hono';
import { formatCsv } from '@/shared/csv.ts';
import type { Locale } from '@/shared/locale.ts';
import { cellText, type ReportTable } from '@/shared/metrics/report-tables.ts';
import { writeXlsx } from './xlsx.ts';

/**
 * Text that Excel would take for a formula (=, +, -, @ first) is written with a leading
 * apostrophe, so free text typed into a sheet can never run as a formula on an auditor's PC.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function tableCsv(table: ReportTable, locale: Locale): string {
  return formatCsv([
    table.columns.map((c) => inert(c.header)),
    ...table.rows.map((row) =>
      table.columns.map((c, i) => {
        const text = cellText(row[i] ?? null, c.format, locale);
        return c.format === 'text' ? inert(text) : text;
      }),
    ),
  ]);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file's answer: the first table as CSV, or every table in one workbook. */
export function reportFile(
  c: Context,
  format: 'csv' | 'xlsx',
  locale: Locale,
  baseName: string,
  tables: readonly ReportTable[],
): Response {
  const [first] = tables;
  if (!first) throw new Error('a report file needs a table');
  const name = `${baseName}-${locale}.${format}`;
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-store');
  if (format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(tableCsv(first, locale));
  }
  c.header('Content-Type', XLSX_TYPE);
  return c.body(new Uint8Array(writeXlsx(tables, locale)));
}
