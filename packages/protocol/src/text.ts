import { z } from 'zod';

/**
 * Free text on the wire. PostgreSQL cannot store U+0000 in text or jsonb, and other C0 controls (and DEL)
 * have no business in names, notes or legal text: they hide content from reviewers and break logs and CSV.
 * So every free-text field is one of these two, and the refusal is a `validation_failed` naming the field.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what this pattern finds.
const anyControl = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what this pattern finds.
const controlButLayout = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A UTF-16 surrogate without its pair cannot be encoded as UTF-8, so it cannot be stored as sent. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string holds a character no free-text field accepts (NUL, other controls, lone surrogates). */
export function hasForbiddenCharacter(text: string, allowLayout: boolean): boolean {
  return (allowLayout ? controlButLayout : anyControl).test(text) || loneSurrogate.test(text);
}

/** One line: names, titles, references, sources. No control characters at all. */
export const singleLineText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasForbiddenCharacter(s, false), 'must not contain control characters');

/** Prose that may keep its layout (newline, carriage return, tab): notes, statements, legal text. */
export const multiLineText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (s) => !hasForbiddenCharacter(s, true),
      'must not contain control characters other than newline and tab',
    );

/** A machine word (codes, states, categories, instrument types): lower-case letters, digits, `_` and `-`. */
export const codeWord = (max: number) =>
  z.string().regex(new RegExp(`^[a-z0-9_-]{1,${max}}$`), 'a lower-case code such as account_basic');
