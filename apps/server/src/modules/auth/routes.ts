import type { Handlers } from '../../http/handlers.ts';
import type { AuthService } from './service.ts';

export function authRoutes(auth: AuthService): Pick<Handlers, 'challenge' | 'session' | 'logout'> {
  return {
    challenge: async ({ body }) => auth.challenge(body.username, body.deviceId),
    session: async ({ body }) => auth.session(body),
    logout: async (_request, context) => {
      await auth.logout(context);
      return {};
    },
  };
}
