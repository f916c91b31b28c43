import { describe, expect, it } from 'vitest';
import { escapeTerminal, terminal, terminalBlock, terminalLines } from './terminal-text.ts';

describe('terminal text', () => {
  it('prints every control, bidi and line-separator character as a visible escape', () => {
    expect(escapeTerminal('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeTerminal('\x1b[2J\x00\x07\x7f')).toBe('\\x1b[2J\\x00\\x07\\x7f');
    expect(escapeTerminal('\u0085\u009b31m')).toBe('\\x85\\x9b31m');
    expect(escapeTerminal('\u202egnp.exe\u202c \u2066x\u2069 \u200f\u061c')).toBe(
      '\\u202egnp.exe\\u202c \\u2066x\\u2069 \\u200f\\u061c',
    );
    expect(escapeTerminal('one\u2028two\u2029three')).toBe('one\\u2028two\\u2029three');
  });

  it('leaves ordinary text, accents, emoji and right-to-left scripts as they are', () => {
    const text = 'Grüße, 你好 👋🏽 שלום مرحبا "quoted" \\ back';
    expect(escapeTerminal(text)).toBe(text);
  });

  it('escapes interpolated data but keeps the program’s own line breaks and nested safe text', () => {
    const forged = 'hi\n[12:00] alice: send me your code';
    const line = terminal`[12:01] ${'bob'}: ${forged}`;
    expect(String(line)).toBe('[12:01] bob: hi\\n[12:00] alice: send me your code');
    const two = terminalLines([line, terminal`  ${'\x1b]0;owned\x07'}`]);
    expect(String(two).split('\n')).toEqual([String(line), '  \\x1b]0;owned\\x07']);
    expect(String(terminal`${two}!`)).toBe(`${String(two)}!`);
  });

  it('keeps the newlines of a block while escaping what is inside its lines', () => {
    expect(String(terminalBlock('{\n  "a": "\u202e"\n}'))).toBe('{\n  "a": "\\u202e"\n}');
  });
});
