import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { ApiError } from '../../errors.ts';

/**
 * zxcvbn's score 3 ("safely unguessable": about 10^8 guesses or more) is the floor. Sign-in is throttled, so
 * the online guesser is slow; the score is for the offline one who holds a copy of the argon2id hashes.
 */
const MIN_SCORE = 3;

const reasons: Readonly<Record<string, string>> = {
  straightRow: 'it is a straight row of keys on the keyboard',
  keyPattern: 'it is a short keyboard pattern',
  simpleRepeat: 'it repeats one character or a short run of characters',
  extendedRepeat: 'it repeats the same group of characters',
  sequences: 'it is a common sequence such as abc or 1234',
  recentYears: 'it is built on a recent year',
  dates: 'it is built on a date',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is a small change to a commonly used password',
  wordByItself: 'a single word is easy to guess',
  namesByThemselves: 'names on their own are easy to guess',
  commonNames: 'it is built on a common name',
  userInputs: 'it contains the account’s own name, e-mail address or the service’s name',
};

// Built on first use: loading the dictionaries takes a moment the server should not pay at start-up.
let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () => {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
};

/**
 * Refuses a staff or officer password that is easy to guess, with the reason in the message and in
 * `details.reason`. `context` holds what the account is known by (name, e-mail), which a guesser tries first.
 */
export function checkPasswordStrength(password: string, context: readonly string[]): void {
  if (password.trim() === '') throw weak('it is only spaces', 'only_spaces');
  const inputs = ['parley', ...context.flatMap((c) => [c, ...c.split(/[@.\s_-]+/)])]
    .map((c) => c.toLowerCase())
    .filter((c) => c.length > 2);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_SCORE) return;
  const warning = result.feedback.warning ?? '';
  throw weak(reasons[warning] ?? 'it would be guessed too quickly', warning || 'too_guessable');
}

function weak(reason: string, code: string): ApiError {
  return new ApiError(
    'weak_password',
    `The password is too easy to guess: ${reason}. Use a longer passphrase of several unrelated words.`,
    { reason: code },
  );
}
