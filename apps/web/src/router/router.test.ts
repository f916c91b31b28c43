import { describe, expect, it } from 'vitest';
import { matchPath } from './router.ts';

describe('matchPath', () => {
  it('matches literal and parameter segments, decoding parameters', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/chats/new', '/chats/new')).toEqual({});
    expect(matchPath('/chats/:id', '/chats/AbC-_9')).toEqual({ id: 'AbC-_9' });
    expect(matchPath('/contacts/:username', '/contacts/a%2Eb')).toEqual({ username: 'a.b' });
  });

  it('refuses other shapes and undecodable parameters', () => {
    expect(matchPath('/chats/:id', '/chats')).toBeUndefined();
    expect(matchPath('/chats/:id', '/chats/a/b')).toBeUndefined();
    expect(matchPath('/devices', '/notices')).toBeUndefined();
    expect(matchPath('/contacts/:username', '/contacts/%E0%A4%A')).toBeUndefined();
  });
});
