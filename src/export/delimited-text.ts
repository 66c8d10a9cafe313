import { DelimitedSyntaxError, splitDelimited as split, type CsvRecord } from '../classes/csv-parse.js';

/** One record of a delimited text file and the line it starts on (1-based), for messages. */
export type TextRecord = CsvRecord;

export class TextSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

/**
 * Splits delimited text the way Anki's text importer reads it: the roster's CSV reader with the
 * file's separator, a quote inside an unquoted field kept as text (`say "hi"`), and a line that
 * starts with `#` outside quotes taken as a comment (Anki's header lines are read before this).
 */
export function splitDelimited(text: string, separator: string, firstLine = 1): TextRecord[] {
  try {
    return split(text, { separator, comments: true, strictQuotes: false, firstLine });
  } catch (error) {
    if (error instanceof DelimitedSyntaxError) throw new TextSyntaxError(error.line, error.reason);
    throw error;
  }
}
