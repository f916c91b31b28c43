import type { Handlers } from '../../http/handlers.ts';
import type { AccountService } from './service.ts';

export function accountRoutes(
  accounts: AccountService,
): Pick<Handlers, 'register' | 'getAccount' | 'updateDeviceList'> {
  return {
    register: async ({ body }) => accounts.register(body),
    getAccount: async ({ params }) => accounts.get(params.username),
    updateDeviceList: async ({ body }, auth) => accounts.updateDeviceList(auth, body.deviceList),
  };
}
