// CSV as RFC 4180 describes it (https://www.rfc-editor.org/rfc/rfc4180#section-2): records end with CRLF, a
// field holding a comma, a double quote, CR or LF is enclosed in double quotes, and a quote inside one is doubled.
// Spreadsheets read it as written; nothing here guesses at a locale's separator.

const needsQuotes = /[",\r\n]/;

/** One field as RFC 4180 writes it. */
export function csvField(value: string): string {
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records → CSV text, every record (the last too) ended by CRLF. Every record must have the header's width. */
export function toCsv(records: readonly (readonly string[])[]): string {
  const width = records[0]?.length;
  return records
    .map((record, index) => {
      if (record.length !== width) {
        throw new Error(`CSV record ${index + 1} has ${record.length} fields; the header has ${width}`);
      }
      // A lone empty field is written as "" so the record is not an empty line, which readers skip.
      if (record.length === 1 && record[0] === '') return '""\r\n';
      return `${record.map(csvField).join(',')}\r\n`;
    })
    .join('');
}
