/**
 * Locating JSON syntax errors. `JSON.parse` in Node 20 names a character offset only for some
 * errors, so a small scanner finds the first error itself and reports line and column.
 */

/** The first syntax error of a JSON text: message and 1-based line and column. */
export interface JsonSyntaxError {
  message: string;
  line: number;
  column: number;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Find the first JSON syntax error in `text`, or `undefined` when it is valid JSON (or nested
 * too deeply to scan; the caller then falls back to the `JSON.parse` message).
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    scan(text);
    return undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    if (!(e instanceof Stop)) throw e;
    return { message: e.message, ...lineColumn(text, e.offset) };
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeAt(text: string, i: number): string {
  if (i >= text.length) return "end of input";
  return JSON.stringify(text[i]);
}

function scan(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, `expected ${expected}, found ${describeAt(text, i)}`);
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) throw new Stop(i, "control character inside a string (use an escape)");
      if (c !== 92) {
        i++;
        continue;
      }
      const e = text[i + 1];
      if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (e !== undefined && e !== "u" && '"\\/bfnrt'.includes(e)) i += 2;
      else throw new Stop(i, "invalid escape in a string");
    }
    throw new Stop(i, "unterminated string");
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      while (true) {
        ws();
        if (text[i] !== '"') fail("a double-quoted property name");
        string();
        ws();
        if (text[i] !== ":") fail('":" after the property name');
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      while (true) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail('"," or "]"');
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null) fail("a value");
    i += m![0].length;
  };
  value();
  ws();
  if (i < text.length) fail("end of input");
}
