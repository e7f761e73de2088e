// Reading CSV as Japanese offices save it: the encodings Excel writes, quoted fields and the
// line numbers a person sees when told where a problem is; and writing it so Excel opens it.
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, decodeCsvBytes, formatCsv, parseCsv } from '@/shared/csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeCsvBytes', () => {
  it('drops the byte-order mark Excel puts before UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('所属コード,所属名\r\n')]);
    expect(decodeCsvBytes(bytes)).toBe('所属コード,所属名\r\n');
  });

  it('reads UTF-8 without a byte-order mark', () => {
    expect(decodeCsvBytes(utf8('氏名\n山田　太郎\n'))).toBe('氏名\n山田　太郎\n');
  });

  it('reads Shift_JIS when the bytes are not UTF-8', () => {
    // 職員番号,氏名 then 山田 in Shift_JIS
    const bytes = new Uint8Array([
      0x90, 0x45, 0x88, 0xf5, 0x94, 0xd4, 0x8d, 0x86, 0x2c, 0x8e, 0x81, 0x96, 0xbc, 0x0d, 0x0a,
      0x8e, 0x52, 0x93, 0x63,
    ]);
    expect(decodeCsvBytes(bytes)).toBe('職員番号,氏名\r\n山田');
  });
});

describe('parseCsv', () => {
  it('splits records and fields, with CRLF or LF and no final line break', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,5,6')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c,\r\n,\r\n')).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 2, fields: ['', ''] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"庶務係, 第二","He said ""hi""","two\r\nlines"\r\nx,"",y')).toEqual([
      { line: 1, fields: ['庶務係, 第二', 'He said "hi"', 'two\r\nlines'] },
      { line: 3, fields: ['x', '', 'y'] },
    ]);
  });

  it('numbers records by the physical line they start on, skipping blank lines', () => {
    const records = parseCsv('h1,h2\r\n\r\n"a\nb\nc",1\r\n\nlast,2\r\n\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 3, 7]);
    expect(records[2]?.fields).toEqual(['last', '2']);
  });

  it('counts a lone CR as a line break, as old Mac files have them', () => {
    expect(parseCsv('a\rb\r"c\rd",e').map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('keeps a quote inside an unquoted field as written', () => {
    expect(parseCsv('5"2,x')).toEqual([{ line: 1, fields: ['5"2', 'x'] }]);
  });

  it('ignores a byte-order mark left at the start of the text', () => {
    expect(parseCsv('\ufeff職員番号,氏名')[0]?.fields).toEqual(['職員番号', '氏名']);
  });

  it('reports a quote that is never closed at the line where it opens', () => {
    const text = 'a,b\r\n1,2\r\n3,"open\r\nstill open\r\n4,5\r\n';
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    expect(() => parseCsv(text)).toThrow(
      expect.objectContaining({ line: 3, reason: 'unterminated_quote' }),
    );
    expect(() => parseCsv(text)).toThrow(/line 3/);
  });

  it('reports text after a closing quote at its line', () => {
    expect(() => parseCsv('a\n"b\nc"d,e')).toThrow(
      expect.objectContaining({ line: 3, reason: 'text_after_quote' }),
    );
  });

  it('returns nothing for an empty text or one of blank lines', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n\n\r\n')).toEqual([]);
  });
});

describe('formatCsv', () => {
  it('writes a byte-order mark, CRLF after every record, and quotes only where needed', () => {
    const records = [
      ['組織', 'メモ'],
      ['総務課', 'a,b'],
      ['人事課', '「確認」と"引用"\n二行目'],
    ];
    const text = formatCsv(records);
    expect(text).toBe('\uFEFF組織,メモ\r\n総務課,"a,b"\r\n人事課,"「確認」と""引用""\n二行目"\r\n');
    expect([...utf8(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(decodeCsvBytes(utf8(text))).map((r) => r.fields)).toEqual(records);
  });
});
