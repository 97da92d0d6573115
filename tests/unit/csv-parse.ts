// A strict RFC 4180 reader (https://www.rfc-editor.org/rfc/rfc4180#section-2), written from the grammar rather
// than from lib/csv.ts, so a round trip through both checks the writer against the standard: records end with
// CRLF; a field is either plain (no comma, quote, CR or LF) or enclosed in quotes with inner quotes doubled.
// Anything else is an error, not a guess.

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let at = 0;
  while (at < text.length) {
    let field = '';
    if (text[at] === '"') {
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) throw new Error(`unclosed quoted field at ${at}`);
        field += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        field += '"';
        at++;
      }
    } else {
      const end = text.slice(at).search(/[,\r\n"]/);
      const stop = end < 0 ? text.length : at + end;
      field = text.slice(at, stop);
      at = stop;
      if (text[at] === '"') throw new Error(`quote inside a plain field at ${at}`);
    }
    record.push(field);
    if (text[at] === ',') {
      at++;
      continue;
    }
    if (text.startsWith('\r\n', at)) {
      at += 2;
      records.push(record);
      record = [];
      continue;
    }
    throw new Error(`expected a comma or CRLF at ${at}`);
  }
  if (record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}
