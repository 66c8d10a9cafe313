/** One CSV record and the line of the file it starts on (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** How one kind of delimited text is read. */
export interface DelimitedOptions {
  separator: string;
  /** A line that starts with `#` outside quotes is skipped (Anki's text files). */
  comments: boolean;
  /** A quote inside an unquoted field is an error (RFC 4180) rather than text (Anki). */
  strictQuotes: boolean;
  /** Line number of the text's first line, when it is cut from a longer file. */
  firstLine: number;
}

/** A syntax problem at a line; callers turn it into their own message. */
export class DelimitedSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Splits delimited text into records: fields separated by `separator`, optionally in double
 * quotes, `""` for a quote inside quotes, CRLF or LF line ends. A quoted field may span lines, so
 * each record remembers the line it started on. Blank lines are skipped: a trailing newline or a
 * gap in a hand-edited file is not a row. One reader for the roster CSV and Anki's text files.
 */
export function splitDelimited(text: string, options: DelimitedOptions): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = options.firstLine;
  let recordLine = line;
  let quoted = false;
  let fieldStarted = false;
  let atLineStart = true;
  let comment = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!comment && !(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    comment = false;
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      atLineStart = true;
      continue;
    }
    if (options.comments && atLineStart && char === '#') comment = true;
    atLineStart = false;
    if (comment) continue;
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === options.separator) {
      endField();
    } else if (char === '"' && options.strictQuotes) {
      throw new DelimitedSyntaxError(line, 'a quote may only start a field; write "" inside a quoted field');
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new DelimitedSyntaxError(recordLine, 'a quoted field is never closed');
  endRecord();
  return records;
}

/**
 * Parses RFC 4180 CSV (commas, strict quotes), a leading byte-order mark ignored (spreadsheets
 * write one).
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return splitDelimited(input, { separator: ',', comments: false, strictQuotes: true, firstLine: 1 });
  } catch (error) {
    if (error instanceof DelimitedSyntaxError) throw new CsvSyntaxError(error.line, error.reason);
    throw error;
  }
}
