import { randomBytes } from 'node:crypto';
import {
  type Channel,
  defaultFramework,
  governingPolicy,
  type JurisdictionPolicy,
  receiveRequest,
  validateSubmission,
} from '@parley/governance';

import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { OfficerPrincipal } from '../gov-access/principal.ts';
import type { RegistryService } from '../gov-access/registry.ts';
import { standingRefusal } from '../gov-access/standing.ts';
import { eventFeed, type FeedListener } from '../gov-events/feed.ts';
import { checkDocument } from './document-check.ts';
import { caseStore } from './store.ts';
import { resolveTargets } from './target-resolution.ts';

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `PR-<year>-<8 random characters>`: unguessable, so a reference leaks nothing about volume. */
function newReference(now: Date): string {
  const bytes = randomBytes(8);
  let tail = '';
  for (const b of bytes) tail += BASE32[b % BASE32.length];
  return `PR-${now.getUTCFullYear()}-${tail}`;
}

function field(input: unknown, ...path: string[]): unknown {
  let v: unknown = input;
  for (const key of path)
    v = typeof v === 'object' && v !== null && key in v ? Reflect.get(v, key) : undefined;
  return v;
}

/**
 * Intake in one transaction: validate every field (each problem its own code), check the document against
 * its stated hash, resolve the targets, let the domain receive and gate the request, then store the case,
 * targets, document and events. Any problem refuses the whole submission and nothing is written.
 */
export async function submitRequest(
  tx: Db,
  deps: Readonly<{ registry: RegistryService; policies: readonly JurisdictionPolicy[]; feed?: FeedListener }>,
  officer: OfficerPrincipal,
  body: Readonly<{ channel: Channel } & Record<string, unknown>>,
  now: Date,
) {
  const agency = await deps.registry.agencyRecord(tx, officer.agencyId);
  const refusal = standingRefusal(agency.standing);
  if (refusal) throw refusal;
  const framework =
    governingPolicy(deps.policies, agency.jurisdiction, now.getTime())?.framework ?? defaultFramework;
  const validated = validateSubmission(body, framework);
  const doc = checkDocument(body.document, field(body, 'instrument', 'documentSha256'));
  const problems = [...(validated.ok ? [] : validated.problems), ...doc.problems];
  if (!validated.ok || problems.length > 0 || doc.document === null)
    throw new ApiError('intake_rejected', `The submission has ${problems.length} problem(s).`, { problems });
  const targets = await resolveTargets(tx, validated.submission.targets);
  const received = receiveRequest(
    {
      reference: newReference(now),
      chainId: randomBytes(16).toString('base64url'),
      agency: {
        id: agency.id,
        kind: agency.kind,
        jurisdiction: agency.jurisdiction,
        registeredCallbackNumber: agency.registeredCallbackNumber,
      },
      officerId: officer.id,
      channel: body.channel,
      submission: validated.submission,
      flags: validated.flags,
      targetJurisdictions: targets.map((t) => t.jurisdiction),
      policies: deps.policies,
    },
    now.getTime(),
  );
  const c = received.case;
  const ack = received.acknowledgement;
  await caseStore.insert(tx, c, ack.text, now);
  await caseStore.insertTargets(
    tx,
    c.reference,
    targets.map((t) => t.accountId),
  );
  await caseStore.insertDocument(
    tx,
    c.reference,
    doc.document.mediaType,
    doc.document.digest,
    doc.document.content,
  );
  await eventFeed.appendRequestEvents(
    tx,
    c.reference,
    c.state,
    received.events,
    now,
    deps.feed && { listener: deps.feed, case: c },
  );
  return {
    reference: ack.reference,
    receivedAt: new Date(ack.receivedAt).toISOString(),
    state: ack.state,
    text: ack.text,
    policyStatement: ack.policyStatement,
    treatyNotice: ack.treatyNotice,
    deadlineAt: ack.deadlineAt === null ? null : new Date(ack.deadlineAt).toISOString(),
    flags: c.flags.map((f) => ({
      code: f.code,
      message: f.message,
      ...(f.category ? { category: f.category } : {}),
    })),
  };
}
