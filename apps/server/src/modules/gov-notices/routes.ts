import type { Handlers } from '../../http/handlers.ts';
import type { NoticeService } from './service.ts';

export function noticeRoutes(notices: NoticeService): Pick<Handlers, 'listNotices'> {
  return { listNotices: async (_request, auth) => notices.list(auth) };
}
