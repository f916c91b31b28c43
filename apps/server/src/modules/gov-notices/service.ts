import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { AuthContext } from '../../http/handlers.ts';
import type { Notifier } from '../../notifier.ts';
import type { TransitionChange, TransitionListener } from '../gov-cases/service.ts';
import { noticeFor } from './notice-view.ts';
import { noticeStore } from './store.ts';

/**
 * Member notices: when a transition sends a case's notice (at decision, or when the sweeper finds its
 * non-disclosure order lapsed), one notice per targeted account is written in the same transaction and the
 * account's devices are told once it commits. The domain decides when; this only records and delivers.
 */
export class NoticeService implements TransitionListener {
  readonly #db: Db;
  readonly #notifier: Notifier;

  constructor(db: Db, notifier: Notifier) {
    this.#db = db;
    this.#notifier = notifier;
  }

  async transitioned(tx: Db, { before, after, targets, now }: TransitionChange) {
    if (after.notice?.status !== 'sent' || before.notice?.status === 'sent') return undefined;
    const accounts = [...new Set(await targets())];
    const notice = noticeFor(
      after,
      after.notice.sentAt ?? now.getTime(),
      before.notice?.status === 'deferred',
    );
    const written = await noticeStore.insert(
      tx,
      accounts.map((accountId) => ({
        id: randomBytes(16).toString('base64url'),
        reference: after.reference,
        accountId,
      })),
      notice,
      now,
    );
    return () => {
      for (const { id, username } of written) this.#notifier.noticeIssued(username, id);
    };
  }

  async list(auth: AuthContext) {
    return { notices: await noticeStore.forAccount(this.#db, auth.accountId) };
  }
}
