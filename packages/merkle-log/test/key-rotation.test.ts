import { describe, expect, it } from 'vitest';
import {
  decodeKeyRotation,
  encodeKeyRotation,
  FormatError,
  generateEd25519Keys,
  isKeyRotation,
} from '../src/index.ts';

const origin = 'next.parley.example/log';
const { vkey } = generateEd25519Keys(origin);
const utf8 = new TextEncoder();

describe('log-key rotation entries', () => {
  it('round-trips the exact encoding: tag, origin line, vkey line', () => {
    const entry = encodeKeyRotation({ origin, vkey });
    expect(new TextDecoder().decode(entry)).toBe(`parley-log-key/v1\n${origin}\n${vkey}\n`);
    expect(isKeyRotation(entry)).toBe(true);
    expect(decodeKeyRotation(entry)).toEqual({ origin, vkey });
    expect(isKeyRotation(utf8.encode('parley-leaf/v1\n{}'))).toBe(false);
  });

  it('refuses any other form, naming what is wrong', () => {
    const other = generateEd25519Keys('other.parley.example/log').vkey;
    const cases: [string, string][] = [
      [
        `parley-log-key/v1\n${origin}\n${other}\n`,
        `names origin ${origin} but a key named other.parley.example/log`,
      ],
      [`parley-log-key/v1\n${origin}\n${vkey}`, 'needs exactly an origin line and a vkey line'],
      [`parley-log-key/v1\n${origin}\n${vkey}\n\n`, 'needs exactly an origin line and a vkey line'],
      [`parley-log-key/v1\n${origin}\nnot-a-key\n`, 'names no valid vkey'],
    ];
    for (const [text, message] of cases) {
      expect(() => decodeKeyRotation(utf8.encode(text))).toThrow(FormatError);
      expect(() => decodeKeyRotation(utf8.encode(text))).toThrow(message);
    }
    expect(() => encodeKeyRotation({ origin, vkey: other })).toThrow(FormatError);
  });
});
