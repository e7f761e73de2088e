// Reads and writes CSV files as Japanese offices use them: Excel's UTF-8 with a byte-order
// mark (or, read only, Shift_JIS), CRLF line ends, quoted fields that may hold commas and
// line breaks.

/**
 * Decodes the bytes of a CSV file. Excel in Japan saves either UTF-8 with a byte-order mark
 * or Shift_JIS, and a Shift_JIS file is almost never valid UTF-8, so strict UTF-8 first and
 * Shift_JIS otherwise tells them apart without asking the person which one they chose.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return new TextDecoder('shift_jis').decode(body);
  }
}

export interface CsvRecord {
  /** The 1-based line the record starts on, as an editor or Excel shows it. */
  line: number;
  fields: string[];
}

export type CsvSyntaxReason = 'unterminated_quote' | 'text_after_quote';

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: CsvSyntaxReason,
  ) {
    super(
      reason === 'unterminated_quote'
        ? `line ${line}: a quoted field is never closed`
        : `line ${line}: text follows the closing quote of a field`,
    );
    this.name = 'CsvSyntaxError';
  }
}

const lineBreak = /\r\n|\r|\n/g;

/**
 * Parses RFC 4180 CSV. Blank lines are skipped; a quote inside an unquoted field is kept as
 * written (Excel does the same). A quoted field that is never closed, or text after a
 * closing quote, throws a CsvSyntaxError with the line where the field starts.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const skipLineBreak = () => {
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
  };

  while (i < n) {
    if (text[i] === '\r' || text[i] === '\n') {
      skipLineBreak();
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) throw new CsvSyntaxError(opened, 'unterminated_quote');
          const chunk = text.slice(i, quote);
          line += chunk.match(lineBreak)?.length ?? 0;
          value += chunk;
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n')
          throw new CsvSyntaxError(line, 'text_after_quote');
      } else {
        let end = i;
        while (end < n && text[end] !== ',' && text[end] !== '\r' && text[end] !== '\n') end++;
        value = text.slice(i, end);
        i = end;
      }
      fields.push(value);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      if (i < n) skipLineBreak();
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** A field quoted when it must be: a comma, a quote or a line break inside. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes records as Excel in Japan opens them without asking: UTF-8 with a byte-order mark
 * (without it Excel reads Shift_JIS and garbles the Japanese) and CRLF after every record.
 */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return `\uFEFF${records.map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('')}`;
}
