import { LegalDocument, toBase64url } from '@parley/protocol';
import type { DocumentDraft } from './request-draft.ts';

const maxBytes = 2 * 1024 * 1024;

/**
 * Reads the instrument the officer picked and computes its SHA-256 in the page (WebCrypto), so the hash the
 * request states is the hash of exactly these bytes; the server hashes them again and refuses a mismatch.
 */
export async function readDocument(file: File): Promise<DocumentDraft> {
  const mediaType = LegalDocument.shape.mediaType.safeParse(file.type);
  if (!mediaType.success) throw new Error(`${file.name} is not a PDF, PNG, JPEG or plain-text file.`);
  if (file.size > maxBytes) throw new Error(`${file.name} is larger than 2 MiB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return {
    name: file.name,
    mediaType: mediaType.data,
    bytes: bytes.length,
    content: toBase64url(bytes),
    sha256: await sha256Hex(bytes),
  };
}

/** Lower-case hex SHA-256, by WebCrypto. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
