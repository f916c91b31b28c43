import { createHash } from 'node:crypto';
import type { IntakeProblem } from '@parley/governance';
import { fromBase64url, LegalDocument } from '@parley/protocol';

export type CheckedDocument = Readonly<{ mediaType: string; content: Uint8Array; digest: string }>;

/**
 * The uploaded instrument: present, of an accepted type, and hashing to the SHA-256 the officer stated. A
 * mismatch means the document is not the one described (altered, or the wrong file), so intake refuses it.
 */
export function checkDocument(
  raw: unknown,
  statedSha256: unknown,
): Readonly<{ document: CheckedDocument | null; problems: readonly IntakeProblem[] }> {
  if (raw === undefined || raw === null)
    return {
      document: null,
      problems: [{ code: 'missing_document', field: 'document', message: 'Upload the legal instrument.' }],
    };
  const parsed = LegalDocument.safeParse(raw);
  if (!parsed.success)
    return {
      document: null,
      problems: [
        {
          code: 'invalid_document',
          field: 'document',
          message:
            'The document must be {mediaType: PDF, PNG, JPEG or text, content: base64url, at most 2 MiB}.',
        },
      ],
    };
  const content = fromBase64url(parsed.data.content);
  const digest = createHash('sha256').update(content).digest('hex');
  const problems: IntakeProblem[] =
    typeof statedSha256 === 'string' && /^[0-9a-f]{64}$/.test(statedSha256) && statedSha256 !== digest
      ? [
          {
            code: 'document_hash_mismatch',
            field: 'instrument.documentSha256',
            message: `The uploaded document's SHA-256 is ${digest}, not the stated hash.`,
          },
        ]
      : [];
  return { document: { mediaType: parsed.data.mediaType, content, digest }, problems };
}
