// A CSV reader (RFC 4180) for the intake's uploads, fed the decoded text piece by piece. It reads as csv-parse does
// with `bom`, `skip_empty_lines` and `relax_column_count` (a property test holds it to that), in about a fifth of
// csv-parse's time on the templates' rows: csv-parse reads the text's UTF-8 bytes one by one and decodes each field
// again, a good part of the intake's CPU per record. Fields are separated by commas; records by the first line ending
// the file uses (CRLF, LF or CR), another one inside a field being a character of it; a field that holds commas,
// quotes or line endings is quoted whole, its quotes doubled; empty lines are skipped; records may differ in length.

/** Text the reader cannot read, with where: the 1-based line and record (the header is record 1). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly record: number,
  ) {
    super(`line ${line}, record ${record}: ${reason}`);
  }
}

/** A record longer than this is refused: a quote left open would otherwise read the rest of the file as one field. */
export const CSV_MAX_RECORD = 1_000_000;

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Not enough text to finish the record: the next piece is needed. */
const MORE = -1;

export class CsvReader {
  /** The text from the start of the record not finished yet. */
  private rest = '';
  private started = false;
  /** The record delimiter, once the first line ending outside quotes shows it. */
  private delimiter: '\r\n' | '\n' | '\r' | null = null;
  private line = 1;
  private records = 0;
  private cells: string[] = [];

  /** The records that this piece of text finishes. */
  push(piece: string): string[][] {
    if (!this.started && piece.length > 0) {
      this.started = true;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    return this.read(this.rest + piece, false);
  }

  /** The last record, at the end of the text. */
  end(): string[][] {
    return this.read(this.rest, true);
  }

  private read(text: string, final: boolean): string[][] {
    const out: string[][] = [];
    let at = 0;
    while (at < text.length) {
      const next = this.record(text, at, final);
      if (next === MORE) break;
      at = next;
      if (this.cells.length > 0) out.push(this.cells);
      this.cells = [];
    }
    this.rest = at === 0 ? text : text.slice(at);
    if (this.rest.length > CSV_MAX_RECORD) this.fail(`a record longer than ${CSV_MAX_RECORD} characters (a quote not closed?)`);
    return out;
  }

  private fail(reason: string): never {
    throw new CsvSyntaxError(reason, this.line, this.records + 1);
  }

  /**
   * The length of the line ending at `at` (0: none), learning the file's own from the first one; MORE when a CR ends
   * the text read so far and may be the start of a CRLF.
   */
  private lineEnding(text: string, at: number, final: boolean): number {
    const c = text.charCodeAt(at);
    if (c !== CR && c !== LF) return 0;
    if (this.delimiter === null) {
      if (c === LF) this.delimiter = '\n';
      else if (at + 1 === text.length && !final) return MORE;
      else this.delimiter = text.charCodeAt(at + 1) === LF ? '\r\n' : '\r';
    }
    if (this.delimiter === '\n') return c === LF ? 1 : 0;
    if (this.delimiter === '\r') return c === CR ? 1 : 0;
    if (c !== CR) return 0;
    if (at + 1 === text.length) return final ? 0 : MORE;
    return text.charCodeAt(at + 1) === LF ? 2 : 0;
  }

  /**
   * Reads the record starting at `at` into this.cells (left empty for an empty line); answers where the next starts,
   * or MORE. The line counter moves only once the record is whole, so that a record read again from its start with
   * more text counts its lines once.
   */
  private record(text: string, at: number, final: boolean): number {
    const cells: string[] = [];
    let lines = 0;
    let pos = at;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        // A quoted field, to the quote not followed by another.
        value = '';
        let from = pos + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0 || (quote + 1 === text.length && !final)) {
            if (final) this.fail('a quoted field is not closed by the end of the file');
            return MORE;
          }
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += text.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          value += text.slice(from, quote);
          pos = quote + 1;
          break;
        }
        for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) lines++;
        if (pos < text.length && text.charCodeAt(pos) !== COMMA) {
          const ending = this.lineEnding(text, pos, final);
          if (ending === MORE) return MORE;
          if (ending === 0)
            this.fail(
              `a quoted field's closing quote is followed by ${JSON.stringify(text[pos])} instead of a comma or the end of the line`,
            );
        }
      } else {
        // An unquoted field, to the next comma or line ending.
        const start = pos;
        for (; pos < text.length; pos++) {
          const c = text.charCodeAt(pos);
          if (c === COMMA) break;
          if (c === CR || c === LF) {
            const ending = this.lineEnding(text, pos, final);
            if (ending === MORE) return MORE;
            if (ending !== 0) break;
          }
          if (c === QUOTE) this.fail('a quote inside an unquoted field (a field with quotes is quoted whole, its quotes doubled)');
        }
        if (pos === text.length && !final) return MORE;
        value = text.slice(start, pos);
        // An empty line: no record.
        if (cells.length === 0 && value === '' && text.charCodeAt(pos) !== COMMA) {
          if (pos === text.length) return pos;
          this.line++;
          return pos + this.lineEnding(text, pos, final);
        }
      }
      cells.push(value);
      if (pos === text.length) break;
      if (text.charCodeAt(pos) === COMMA) {
        pos++;
        // A comma ending the text: the record's last field is empty.
        if (pos === text.length && final) {
          cells.push('');
          break;
        }
        if (pos === text.length) return MORE;
        continue;
      }
      pos += this.lineEnding(text, pos, final);
      lines++;
      break;
    }
    this.cells = cells;
    this.records++;
    this.line += lines;
    return pos;
  }
}
