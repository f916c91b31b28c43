import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { type FetchLike, HttpClient } from './http-client.ts';

/** A fetch that answers from a script, recording what was asked (the transport port, not a server mock). */
function scripted(answers: { status: number; body: unknown }[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body?: string }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, ...init });
    const answer = answers.shift() ?? { status: 500, body: {} };
    return { status: answer.status, text: async () => JSON.stringify(answer.body) };
  };
  return { fetch, calls };
}

describe('HttpClient', () => {
  it('fills path parameters and query, sends the bearer token, and checks the answer', async () => {
    const { fetch, calls } = scripted([{ status: 200, body: { messages: [], more: false } }]);
    const http = new HttpClient({ baseUrl: 'http://x/', fetch });
    http.token = 'tok';
    const page = await http.call('messages', { params: { groupId: 'g/1' }, query: { after: 5 } });
    expect(page).toEqual({ messages: [], more: false });
    expect(calls[0]).toMatchObject({ url: 'http://x/v1/groups/g%2F1/messages?after=5', method: 'GET' });
    expect(calls[0]?.headers.authorization).toBe('Bearer tok');
  });

  it('maps error bodies, retries throttling, and refuses answers that break the schema', async () => {
    const throttled = { status: 429, body: { error: { code: 'rate_limited', message: 'slow' } } };
    const stale = {
      status: 409,
      body: { error: { code: 'stale_epoch', message: 'old', details: { currentEpoch: 3 } } },
    };
    const { fetch, calls } = scripted([throttled, stale, { status: 200, body: { status: 'weird' } }]);
    const http = new HttpClient({ baseUrl: 'http://x', fetch, backoff: { baseMs: 1, capMs: 2 } });
    http.token = 't';
    const body = { epoch: 1, commit: 'AA', groupInfo: 'AA' };
    await expect(http.call('commit', { params: { groupId: 'g' }, body })).rejects.toMatchObject({
      code: 'stale_epoch',
      status: 409,
      details: { currentEpoch: 3 },
    });
    expect(calls).toHaveLength(2);
    await expect(http.call('health')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('sends the staff or officer session on their routes only, never the member token there', async () => {
    const { fetch, calls } = scripted([
      { status: 200, body: { cases: [] } },
      { status: 200, body: { status: 'ok', version: '1' } },
    ]);
    let session: string | undefined = 'staff-session';
    const http = new HttpClient({ baseUrl: 'http://x', fetch, principalToken: () => session });
    http.token = 'member';
    await http.call('listCases', { query: { limit: 5 } });
    session = undefined;
    await http.call('health');
    expect(calls.map((c) => c.headers.authorization)).toEqual(['Bearer staff-session', undefined]);
  });

  it('does not call an authenticated route without a token', async () => {
    const { fetch, calls } = scripted([]);
    await expect(new HttpClient({ baseUrl: 'http://x', fetch }).call('listGroups')).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect(calls).toHaveLength(0);
  });
});

describe('backoff', () => {
  it('grows exponentially, stays under the cap, and is jittered', () => {
    const policy = { baseMs: 100, capMs: 1000 };
    expect(backoffDelay(policy, 0, () => 0.999)).toBeLessThan(100);
    expect(backoffDelay(policy, 3, () => 0.999)).toBe(799);
    expect(backoffDelay(policy, 50, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelay(policy, 50, () => 0)).toBe(0);
  });
});
