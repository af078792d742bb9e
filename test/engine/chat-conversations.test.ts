import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../shared/ipc';
import { startEngine } from '../im/engines';

describe('chat:conversations and chat:read', () => {
  it('lists each peer once with its newest message and unread count, and reports reading', async () => {
    const alice = await startEngine('alice');
    const bob = await startEngine('bob');
    const carol = await startEngine('carol');
    const fromAlice = bob.next('chat:message-received');
    await alice.call('chat:send', { to: bob.uri, body: 'one' });
    await fromAlice;
    const fromAliceAgain = bob.next('chat:message-received');
    await alice.call('chat:send', { to: bob.uri, body: 'two' });
    await fromAliceAgain;
    await bob.call('chat:send', { to: carol.uri, body: 'to carol' });

    const list = (await bob.call('chat:conversations', undefined)) as ConversationSummary[];
    expect(list.map((c) => [c.peer, c.last.body, c.unread])).toEqual([
      [carol.uri, 'to carol', 0],
      [alice.uri, 'two', 2],
    ]);

    const read = bob.next('chat:read');
    expect(await bob.call('chat:mark-read', { peer: alice.uri })).toEqual({ marked: 2 });
    expect(await read).toEqual({ peer: alice.uri, marked: 2 });
    const after = (await bob.call('chat:conversations', undefined)) as ConversationSummary[];
    expect(after.find((c) => c.peer === alice.uri)?.unread).toBe(0);
    // Nothing left to mark: no event.
    expect(await bob.call('chat:mark-read', { peer: alice.uri })).toEqual({ marked: 0 });
    expect(bob.events.filter((e) => e.name === 'chat:read')).toHaveLength(1);
  });
});
