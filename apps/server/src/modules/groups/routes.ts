import type { Handlers } from '../../http/handlers.ts';
import type { GroupService } from './service.ts';

export function groupRoutes(
  groups: GroupService,
): Pick<
  Handlers,
  'createGroup' | 'listGroups' | 'getGroup' | 'commit' | 'groupInfo' | 'send' | 'messages' | 'ack'
> {
  return {
    createGroup: async ({ body }, auth) => groups.create(auth.deviceId, body.groupId),
    listGroups: async (_request, auth) => groups.list(auth.deviceId),
    getGroup: async ({ params }, auth) => groups.detail(auth.deviceId, params.groupId),
    commit: async ({ params, body }, auth) => groups.commit(auth.deviceId, params.groupId, body),
    groupInfo: async ({ params }, auth) => groups.groupInfo(auth.deviceId, params.groupId),
    send: async ({ params, body }, auth) => groups.send(auth.deviceId, params.groupId, body.id, body.payload),
    messages: async ({ params, query }, auth) =>
      groups.messages(auth.deviceId, params.groupId, query.after, query.limit),
    ack: async ({ params, body }, auth) => {
      await groups.ack(auth.deviceId, params.groupId, body.seq);
      return {};
    },
  };
}
