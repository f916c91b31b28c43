import type { MemberNotice } from '@parley/protocol';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';

/**
 * The government-request notices the server holds for this account, newest first. They are read from the
 * server each time rather than kept in the profile: the server is the record, and a member who lost a device
 * still sees them. A device that stayed open past its session signs in again once.
 */
export async function fetchNotices(http: HttpClient, login: () => Promise<unknown>): Promise<MemberNotice[]> {
  try {
    return (await http.call('listNotices')).notices;
  } catch (error) {
    if (!(error instanceof ParleyApiError) || error.status !== 401) throw error;
    await login();
    return (await http.call('listNotices')).notices;
  }
}
