/** One record of a delimited text file and the line it starts on (1-based), for messages. */
export interface TextRecord {
  line: number;
  fields: string[];
}

export class TextSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

/**
 * Splits delimited text the way Anki's text importer reads it: fields separated by `separator`,
 * optionally in double quotes (`""` for a quote inside, line breaks allowed), CRLF or LF line
 * ends, a quote inside an unquoted field is kept as text, and a line that starts with `#` outside quotes is a comment (Anki's header lines are
 * read before this). Blank lines are skipped.
 */
export function splitDelimited(text: string, separator: string, firstLine = 1): TextRecord[] {
  const records: TextRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = firstLine;
  let recordLine = firstLine;
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
    if (atLineStart && char === '#') comment = true;
    atLineStart = false;
    if (comment) continue;
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === separator) {
      endField();
    } else {
      // A quote inside an unquoted field is text, as Anki's reader takes it: `say "hi"`.
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new TextSyntaxError(recordLine, 'a quoted field is never closed');
  endRecord();
  return records;
}
