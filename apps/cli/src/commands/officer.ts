import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SubmitRequestBody, toBase64url } from '@parley/protocol';
import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken, readPasswordLine, saveGovSession } from '../gov/gov-session.ts';
import { globals, output } from '../session.ts';
import { terminal, terminalBlock } from '../terminal-text.ts';

/** `parley officer …`: an agency officer's commands over the officer routes. */
export function registerOfficerCommands(program: Command): void {
  const officer = program.command('officer').description('commands for officers of an approved agency');

  officer
    .command('login <email>')
    .description('sign in (password on standard input, authenticator code as --code)')
    .requiredOption('--code <totp>', 'the current code from your authenticator app')
    .action(async (email: string, options: { code: string }, command: Command) => {
      const opts = globals(command);
      const password = await readPasswordLine();
      const session = await govCall(opts.server, 'officerLogin', {
        body: { email, password, totp: options.code },
      });
      await saveGovSession(opts.profile, 'officer', {
        server: opts.server,
        token: session.token,
        expiresAt: session.expiresAt,
        id: session.id,
      });
      output(opts)(
        { id: session.id, expiresAt: session.expiresAt },
        terminal`Signed in until ${session.expiresAt}.`,
      );
    });

  officer
    .command('submit <request.json>')
    .description('submit a request: the submission as JSON, with the signed legal instrument as --document')
    .requiredOption('--document <file>', 'the legal instrument (PDF, PNG, JPEG or text)')
    .option('--media-type <type>', 'the document’s media type', 'application/pdf')
    .option('--channel <channel>', 'how the request reached Parley', 'direct')
    .action(
      async (
        file: string,
        options: { document: string; mediaType: string; channel: string },
        command: Command,
      ) => {
        const opts = globals(command);
        const token = await govToken(opts.profile, 'officer', opts.server);
        const submission: unknown = JSON.parse(await readFile(file, 'utf8'));
        if (typeof submission !== 'object' || submission === null || Array.isArray(submission))
          throw new Error(`${file} must hold a JSON object`);
        const document = await readFile(options.document);
        const digest = createHash('sha256').update(document).digest('hex');
        const instrument = 'instrument' in submission ? submission.instrument : undefined;
        const ack = await govCall(
          opts.server,
          'submitRequest',
          {
            body: SubmitRequestBody.parse({
              ...submission,
              channel: options.channel,
              instrument:
                typeof instrument === 'object' && instrument !== null
                  ? { documentSha256: digest, ...instrument }
                  : instrument,
              document: { mediaType: options.mediaType, content: toBase64url(document) },
            }),
          },
          token,
        );
        output(opts)(ack, terminal`${ack.reference}: ${ack.state}\n${terminalBlock(ack.text)}`);
      },
    );

  officer
    .command('status [reference]')
    .description('your agency’s requests, or one of them')
    .action(async (reference: string | undefined, _options: unknown, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      const token = await govToken(opts.profile, 'officer', opts.server);
      const cases =
        reference === undefined
          ? (await govCall(opts.server, 'listCases', { query: { limit: 200 } }, token)).cases
          : [await govCall(opts.server, 'getCase', { params: { reference } }, token)];
      for (const c of cases)
        print(
          c,
          terminal`${c.reference}  ${c.state}  ${c.requestType}  received ${c.receivedAt}${c.openQuestion ? terminal`  question: ${c.openQuestion}` : ''}`,
        );
    });

  officer
    .command('withdraw <reference>')
    .description('withdraw one of your agency’s requests')
    .action(async (reference: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'officer', opts.server);
      const c = await govCall(
        opts.server,
        'actOnCase',
        { params: { reference }, body: { type: 'withdraw' } },
        token,
      );
      output(opts)({ reference: c.reference, state: c.state }, terminal`${c.reference}: ${c.state}`);
    });
}
