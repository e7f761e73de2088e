// Writes report tables as an Excel workbook (.xlsx): a zip of a few XML parts, one
// worksheet per table, numbers as numbers with the format they print in (one decimal, △
// for a decrease in Japanese), text as inline strings, the heading row bold and frozen.
// No spreadsheet package is installed here, and this much of the format is small enough
// to write directly; everything about the file format stays in this one module.
import { crc32, deflateRawSync } from 'node:zlib';
import type { Locale } from '@/shared/locale.ts';
import { cellText, type CellFormat, type ReportTable } from '@/shared/metrics/report-tables.ts';

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A zip archive (deflated entries, no zip64: reports stay far below 4 GiB). */
function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    // Fixed date and time (1980-01-01 00:00), so the same report gives the same bytes.
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
      header.writeUInt16LE(0x0800, at + 2); // names are UTF-8
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt16LE(0, at + 6);
      header.writeUInt16LE(0x21, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(entry.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      header.writeUInt16LE(0, at + 24); // no extra field
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    common(central, 6);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Text as XML character data; characters XML cannot hold at all are dropped. */
function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// The cell styles of styles.xml, by position.
const STYLE = { plain: 0, heading: 1, count: 2, oneDecimal: 3, points: 4 } as const;
const numberStyle: Record<Exclude<CellFormat, 'text'>, number> = {
  count: STYLE.count,
  rate: STYLE.oneDecimal,
  days: STYLE.oneDecimal,
  points: STYLE.points,
};

function stylesXml(locale: Locale): string {
  // Excel's own notation for the city's △: positive; negative; zero.
  const points = locale === 'ja' ? '0.0;"△ "0.0;0.0' : '+0.0;-0.0;0.0';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="${xmlText(points)}"/></numFmts>
<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;
}

function stringCell(ref: string, text: string, style: number): string {
  return `<c r="${ref}" t="inlineStr"${style === 0 ? '' : ` s="${style}"`}><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

function sheetXml(table: ReportTable, locale: Locale): string {
  const heading = table.columns
    .map((col, i) => stringCell(`${columnName(i)}1`, col.header, STYLE.heading))
    .join('');
  const rows = table.rows.map((row, r) => {
    const cells = table.columns.map((col, i) => {
      const ref = `${columnName(i)}${r + 2}`;
      const cell = row[i] ?? null;
      if (col.format !== 'text' && typeof cell === 'number' && Number.isFinite(cell))
        return `<c r="${ref}" s="${numberStyle[col.format]}"><v>${cell}</v></c>`;
      const text = cellText(cell, col.format, locale);
      return text === '' ? '' : stringCell(ref, text, STYLE.plain);
    });
    return `<row r="${r + 2}">${cells.join('')}</row>`;
  });
  const widths = table.columns
    .map((col, i) => {
      const width = col.format === 'text' ? 24 : Math.max(10, Math.min(24, col.header.length * 2));
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<cols>${widths}</cols>
<sheetData><row r="1">${heading}</row>${rows.join('')}</sheetData>
</worksheet>`;
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique. */
function sheetNames(tables: readonly ReportTable[]): string[] {
  const used = new Set<string>();
  return tables.map((t, i) => {
    let name = t.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || `Sheet${i + 1}`;
    if (used.has(name)) name = `${name.slice(0, 27)} (${i + 1})`;
    used.add(name);
    return name;
  });
}

/** A workbook with one worksheet per table, in order. */
export function writeXlsx(tables: readonly ReportTable[], locale: Locale): Buffer {
  const names = sheetNames(tables);
  const part = (name: string, xml: string): ZipEntry => ({ name, data: Buffer.from(xml, 'utf8') });
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip([
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${tables.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`).join('')}</Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>${names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${tables.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${tables.length + 1}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    part('xl/styles.xml', stylesXml(locale)),
    ...tables.map((t, i) => part(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(t, locale))),
  ]);
}
