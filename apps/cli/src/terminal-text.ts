/**
 * Text for the terminal, with everything that came from someone else made inert. A message, a username or a
 * server's answer that carries a newline, an escape sequence or a bidi override could otherwise forge a line
 * "from" another person, clear the screen or reorder what is shown; here each such character is printed as
 * a visible escape (`\n`, `\x1b`, `\u202e`), so one piece of data always stays on its own line segment.
 */

const named: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' };

/** Bidi controls (marks, embeddings, overrides, isolates) and the Unicode line and paragraph separators. */
function isUnicodeControl(code: number): boolean {
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** C0 controls, DEL and the C1 controls (U+0080–U+009F, which some terminals also obey). */
function isAsciiOrLatinControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Replaces every control character, bidi control and line separator in `text` with a visible escape. */
export function escapeTerminal(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isAsciiOrLatinControl(code)) out += named[code] ?? `\\x${code.toString(16).padStart(2, '0')}`;
    else if (isUnicodeControl(code)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out;
}

let trusted: (text: string) => TerminalText;

/**
 * Terminal output whose data parts have been escaped. Only `terminal` and `terminalLines` make one, so a
 * printer that takes it cannot be handed a string with raw data in it.
 */
export class TerminalText {
  readonly #text: string;

  private constructor(text: string) {
    this.#text = text;
  }

  static {
    trusted = (text) => new TerminalText(text);
  }

  toString(): string {
    return this.#text;
  }
}

/**
 * Tagged template: the literal parts (the program's own wording, with its intended line breaks) are kept,
 * every interpolated value is escaped, and a nested `TerminalText` is kept as it is.
 */
export function terminal(strings: TemplateStringsArray, ...values: readonly unknown[]): TerminalText {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += value instanceof TerminalText ? value.toString() : escapeTerminal(String(value));
    out += strings[i + 1] ?? '';
  });
  return trusted(out);
}

/** Joins already-safe lines with newlines. */
export function terminalLines(lines: readonly TerminalText[]): TerminalText {
  return trusted(lines.map(String).join('\n'));
}

/** Multi-line text from elsewhere (a JSON dump, a CSV): its own newlines kept, everything else escaped. */
export function terminalBlock(text: string): TerminalText {
  return terminalLines(text.split('\n').map((line) => terminal`${line}`));
}
