import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually, nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('messaging through the sdk against a real server', () => {
  let net: TestNetwork;
  beforeAll(async () => {
    net = await startNetwork({ clients: 3 });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('creates a group, adds two members, and delivers messages both ways with the right sender', async () => {
    const [alice, bob, carol] = net.clients;
    if (!alice || !bob || !carol) throw new Error('three clients expected');
    const bobJoined = nextEvent(bob, 'conversation-joined');
    const carolJoined = nextEvent(carol, 'conversation-joined');
    const conversation = await alice.createConversation('weekend plans', ['bob', 'carol']);
    expect((await bobJoined).conversationId).toBe(conversation.id);
    await carolJoined;
    await eventually(
      async () => (await bob.conversations())[0]?.name === 'weekend plans',
      'bob learns the name',
    );

    const atBob = nextEvent(bob, 'message');
    const atCarol = nextEvent(carol, 'message');
    await alice.send(conversation.id, 'hello from alice');
    expect((await atBob).message).toMatchObject({
      text: 'hello from alice',
      sender: { username: 'alice', deviceId: alice.deviceId },
    });
    expect((await atCarol).message.text).toBe('hello from alice');

    const atAlice = nextEvent(alice, 'message');
    await bob.send(conversation.id, 'hi alice, bob here');
    expect((await atAlice).message).toMatchObject({
      text: 'hi alice, bob here',
      sender: { username: 'bob', deviceId: bob.deviceId },
    });
  });
});
