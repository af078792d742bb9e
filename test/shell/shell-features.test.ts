import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { AttentionCounter, type Attention } from '../../main/shell/attention-counter';
import { NotificationService } from '../../main/shell/notification-service';
import { LinkHandler, dialTargetFromLink, linkFromArgv, registerProtocolClients } from '../../main/shell/protocol-links';
import { ShellNotifier } from '../../main/shell/shell-notifier';
import { claimSingleInstance } from '../../main/shell/single-instance';
import { TrayService, type MenuItemSpec } from '../../main/shell/tray-service';
import { fail, ok, type CallInfo, type Result } from '../../shared/ipc';

/** Engine events as the shell sees them (the Communicator's typed emitter). */
class FakeEvents {
  private readonly emitter = new EventEmitter();
  on(name: string, listener: (payload: never) => void): () => void {
    const l = listener as (payload: unknown) => void;
    this.emitter.on(name, l);
    return () => this.emitter.off(name, l);
  }
  emit(name: string, payload: unknown): void {
    this.emitter.emit(name, payload);
  }
}

/** A notification the fake system shows; its buttons and clicks can be pressed. */
class FakeNotification extends EventEmitter {
  shown = false;
  closed = false;
  constructor(readonly options: { title: string; body: string; actions?: { text: string }[]; urgency?: string }) {
    super();
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

function fakeSystem(supported = true) {
  const created: FakeNotification[] = [];
  const onClick = vi.fn();
  const service = new NotificationService({
    isSupported: () => supported,
    create: (options) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    onClick,
  });
  return { service, created, onClick };
}

const ringing = (fields: Partial<CallInfo> = {}): CallInfo => ({
  id: 'c1',
  direction: 'incoming',
  state: 'incoming',
  peer: 'sip:bob@192.0.2.20:5060',
  startedAt: 0,
  held: false,
  remoteHeld: false,
  muted: false,
  encryption: 'none',
  ...fields,
});

describe('protocol links', () => {
  it('finds the link on a command line', () => {
    expect(linkFromArgv(['/opt/LiteSIP/litesip', '--no-sandbox', 'sip:bob@example.com'])).toBe('sip:bob@example.com');
    expect(linkFromArgv(['litesip', 'TEL:+15550100'])).toBe('TEL:+15550100');
    expect(linkFromArgv(['litesip', '--flag'])).toBeUndefined();
  });

  it('turns sip:, sips: and tel: links into dial targets, refusing what is not an address', () => {
    expect(dialTargetFromLink('sip:bob@example.com')).toBe('sip:bob@example.com');
    expect(dialTargetFromLink('SIPS:bob@example.com:5061;transport=tls')).toBe('sips:bob@example.com:5061;transport=tls');
    expect(dialTargetFromLink('sip://bob@example.com/')).toBe('sip:bob@example.com');
    expect(dialTargetFromLink('sip:bob%40example.com')).toBe('sip:bob@example.com');
    expect(dialTargetFromLink('tel:+1-555-0100;phone-context=example.com')).toBe('tel:+1-555-0100');
    expect(dialTargetFromLink('tel:%2B1%20555%200100')).toBe('tel:+15550100');
    expect(dialTargetFromLink('sip:')).toBeUndefined();
    expect(dialTargetFromLink('sip:<script>@x')).toBeUndefined();
    expect(dialTargetFromLink('tel:call-me-maybe')).toBeUndefined();
    expect(dialTargetFromLink('sip:%E0%A4%A')).toBeUndefined();
    expect(dialTargetFromLink('http://example.com')).toBeUndefined();
  });

  it('registers the three schemes, naming the script in an unpackaged run', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    expect(registerProtocolClients(app, { defaultApp: false, execPath: '/opt/litesip' })).toEqual(['sip', 'sips', 'tel']);
    expect(app.setAsDefaultProtocolClient.mock.calls).toEqual([['sip'], ['sips'], ['tel']]);
    const dev = { setAsDefaultProtocolClient: vi.fn((scheme: string) => scheme !== 'tel') };
    expect(registerProtocolClients(dev, { defaultApp: true, execPath: '/usr/bin/electron', script: '/src/out/main/index.js' })).toEqual(['sip', 'sips']);
    expect(dev.setAsDefaultProtocolClient).toHaveBeenCalledWith('sip', '/usr/bin/electron', ['/src/out/main/index.js']);
  });

  it('a link in a second instance reaches the first, which shows its window and dials', async () => {
    // Two launches on one machine: the first holds the lock, the second hands over its argv.
    const first = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => true });
    const second = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => false });
    const dial = vi.fn(async (): Promise<Result<unknown>> => ok({ id: 'out-1' }));
    const showWindow = vi.fn();
    const notifyError = vi.fn();
    const links = new LinkHandler({ dial, showWindow, notifyError });
    const opened: Promise<void>[] = [];
    expect(
      claimSingleInstance(first as never, (argv) => {
        const link = linkFromArgv(argv);
        if (link) opened.push(links.open(link));
      }),
    ).toBe(true);
    expect(claimSingleInstance(second as never, () => undefined)).toBe(false);

    // Before the engine is up the link waits.
    first.emit('second-instance', {}, ['litesip', 'sip:carol@192.0.2.30']);
    await Promise.all(opened);
    expect(showWindow).toHaveBeenCalledTimes(1);
    expect(dial).not.toHaveBeenCalled();
    await links.start();
    expect(dial).toHaveBeenCalledWith('sip:carol@192.0.2.30');

    // Once running, a link dials at once; a refused one says why.
    dial.mockResolvedValueOnce(fail('bad-target', 'calling numbers needs an account with a server'));
    first.emit('second-instance', {}, ['litesip', 'tel:+15550100']);
    await Promise.all(opened);
    expect(dial).toHaveBeenLastCalledWith('tel:+15550100');
    expect(notifyError).toHaveBeenCalledWith('LiteSIP could not place the call', 'calling numbers needs an account with a server');
    first.emit('second-instance', {}, ['litesip', 'sip:not an address']);
    await Promise.all(opened);
    expect(dial).toHaveBeenCalledTimes(2);
    expect(notifyError).toHaveBeenLastCalledWith('LiteSIP could not place the call', '“sip:not an address” is not an address LiteSIP can call.');
  });
});

describe('notifications', () => {
  it('an incoming call in the background offers Answer and Decline; the buttons drive the engine', async () => {
    const { service, created } = fakeSystem();
    const events = new FakeEvents();
    const request = vi.fn(async (): Promise<Result<unknown>> => ok([]));
    const showWindow = vi.fn();
    let focused = false;
    const notifier = new ShellNotifier({ events, notifications: service, request, isWindowFocused: () => focused, showWindow });
    notifier.start();
    events.emit('contacts:changed', [{ uri: 'sip:bob@192.0.2.20:5060', displayName: 'Bob Stone', buddy: true, authorization: 'allowed' }]);

    events.emit('calls:changed', ringing());
    events.emit('calls:changed', ringing()); // the same call again: one notification
    expect(created).toHaveLength(1);
    const n = created[0]!;
    expect(n.shown).toBe(true);
    expect(n.options).toMatchObject({ title: 'Incoming call', body: 'Bob Stone (bob@192.0.2.20:5060)', actions: [{ text: 'Answer' }, { text: 'Decline' }], urgency: 'critical' });
    n.emit('action', {}, 0);
    expect(showWindow).toHaveBeenCalled();
    expect(request).toHaveBeenCalledWith('calls:answer', { callId: 'c1' });

    events.emit('calls:changed', ringing({ id: 'c2', waiting: true, peer: 'sip:erin@192.0.2.50' }));
    expect(created[1]!.options.title).toBe('Call waiting');
    created[1]!.emit('action', {}, 1);
    expect(request).toHaveBeenCalledWith('calls:decline', { callId: 'c2' });

    // A call that stops ringing takes its notification back.
    events.emit('calls:changed', ringing({ id: 'c3' }));
    events.emit('calls:changed', ringing({ id: 'c3', state: 'ended' }));
    expect(created[2]!.closed).toBe(true);

    // With the window in front the UI rings, not the system.
    focused = true;
    events.emit('calls:changed', ringing({ id: 'c4' }));
    expect(created).toHaveLength(3);
    notifier.stop();
  });

  it('messages, voicemail and missed calls notify only while LiteSIP is in the background; a click shows the window', () => {
    const { service, created, onClick } = fakeSystem();
    const events = new FakeEvents();
    let focused = true;
    const notifier = new ShellNotifier({ events, notifications: service, request: async () => ok([]), isWindowFocused: () => focused, showWindow: vi.fn() });
    notifier.start();
    events.emit('chat:message-received', { id: 1, peer: 'sip:bob@192.0.2.20', direction: 'in', body: 'hi', contentType: 'text/plain', state: 'received', createdAt: 0 });
    expect(created).toHaveLength(0);
    focused = false;
    events.emit('chat:message-received', { id: 2, peer: 'sip:bob@192.0.2.20', direction: 'in', body: 'are you there?', contentType: 'text/plain', state: 'received', createdAt: 0 });
    events.emit('voicemail:new', { id: 1, caller: 'sip:carol@192.0.2.30', callerName: 'Carol', receivedAt: 0, durationMs: 12_400, heard: false });
    events.emit('history:added', { id: 1, direction: 'incoming', peer: 'sip:dave@192.0.2.40', startedAt: 0, endedAt: 1, outcome: 'missed', encryption: 'none' });
    events.emit('history:added', { id: 2, direction: 'incoming', peer: 'sip:dave@192.0.2.40', startedAt: 0, endedAt: 1, outcome: 'answered', encryption: 'none' });
    expect(created.map((n) => [n.options.title, n.options.body])).toEqual([
      ['Message from bob@192.0.2.20', 'are you there?'],
      ['New voicemail from Carol', 'A 0:12 message. Open LiteSIP to listen.'],
      ['Missed call', 'dave@192.0.2.40'],
    ]);
    created[0]!.emit('click');
    expect(onClick).toHaveBeenCalled();
    notifier.stop();
  });

  it('does nothing where the system has no notifications', () => {
    const { service, created } = fakeSystem(false);
    expect(service.show({ title: 't', body: 'b', actions: ['A'], onAction: vi.fn() })).toBeUndefined();
    expect(created).toHaveLength(0);
  });
});

describe('tray and badge', () => {
  function setUp() {
    const tray = { setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
    const deps = {
      createTray: () => tray,
      buildMenu: (items: MenuItemSpec[]) => items,
      isWindowVisible: () => true,
      showWindow: vi.fn(),
      hideWindow: vi.fn(),
      quit: vi.fn(),
      setPresence: vi.fn(),
      setDnd: vi.fn(),
      setBadge: vi.fn(),
    };
    const service = new TrayService(deps);
    service.start();
    const menu = (): MenuItemSpec[] => tray.setContextMenu.mock.calls.at(-1)![0] as MenuItemSpec[];
    return { tray, deps, service, menu };
  }

  it('offers presence as radio items and reflects changes made elsewhere', () => {
    const { deps, service, menu } = setUp();
    expect(menu().find((i) => i.label === 'My status')).toBeUndefined();
    service.updatePresence('available');
    const status = () => menu().find((i) => i.label === 'My status')!.submenu!;
    expect(status().map((i) => [i.label, i.type, i.checked])).toEqual([
      ['Available', 'radio', true],
      ['Away', 'radio', false],
      ['Busy', 'radio', false],
      ['Appear offline', 'radio', false],
    ]);
    status()[1]!.click!();
    expect(deps.setPresence).toHaveBeenCalledWith('away');
    service.updatePresence('busy');
    expect(status().find((i) => i.checked)!.label).toBe('Busy');
    service.updatePresence('on-the-phone');
    expect(status()[0]).toMatchObject({ label: 'On the phone', checked: true, enabled: false });
    expect(status().filter((i) => i.checked)).toHaveLength(1);
  });

  it('has a do-not-disturb check box when the engine has the setting', () => {
    const { deps, service, menu } = setUp();
    service.updateDnd(undefined);
    expect(menu().find((i) => i.label === 'Do not disturb')).toBeUndefined();
    service.updateDnd(false);
    const item = menu().find((i) => i.label === 'Do not disturb')!;
    expect(item).toMatchObject({ type: 'checkbox', checked: false });
    item.click!();
    expect(deps.setDnd).toHaveBeenCalledWith(true);
    service.updateDnd(true);
    menu().find((i) => i.label === 'Do not disturb')!.click!();
    expect(deps.setDnd).toHaveBeenLastCalledWith(false);
  });

  it('shows what waits in the menu, the tooltip and the badge', () => {
    const { tray, deps, service, menu } = setUp();
    service.updateAttention({ missedCalls: 2, unreadMessages: 1, unheardVoicemail: 0 });
    expect(deps.setBadge).toHaveBeenLastCalledWith(3);
    expect(menu().map((i) => i.label)).toEqual(expect.arrayContaining(['2 missed calls', '1 unread message']));
    expect(tray.setToolTip).toHaveBeenLastCalledWith('LiteSIP — Offline\n2 missed calls\n1 unread message');
    menu().find((i) => i.label === '2 missed calls')!.click!();
    expect(deps.showWindow).toHaveBeenCalled();
    service.updateAttention({ missedCalls: 0, unreadMessages: 0, unheardVoicemail: 0 });
    expect(deps.setBadge).toHaveBeenLastCalledWith(0);
    expect(menu().some((i) => i.label?.includes('missed'))).toBe(false);
  });

  it('counts missed calls until the window comes to the front, unread messages and new voicemail from the engine', async () => {
    const events = new FakeEvents();
    let unread = 2;
    const request = vi.fn(async (channel: string): Promise<Result<unknown>> => {
      if (channel === 'chat:conversations') return ok([{ peer: 'sip:a@h', last: {}, unread }, { peer: 'sip:b@h', last: {}, unread: 0 }]);
      if (channel === 'voicemail:list') return ok({ entries: [], unheard: 1 });
      return fail('unknown-channel', channel);
    });
    let focused = false;
    const seen: Attention[] = [];
    const counter = new AttentionCounter({ events, request, isWindowFocused: () => focused, onChange: (a) => seen.push(a) });
    await counter.start();
    expect(counter.current).toEqual({ missedCalls: 0, unreadMessages: 2, unheardVoicemail: 1 });
    events.emit('history:added', { outcome: 'missed' });
    events.emit('history:added', { outcome: 'answered' });
    expect(counter.current.missedCalls).toBe(1);
    focused = true;
    events.emit('history:added', { outcome: 'missed' }); // seen as it happened
    expect(counter.current.missedCalls).toBe(1);
    counter.windowFocused();
    expect(counter.current.missedCalls).toBe(0);
    unread = 0;
    events.emit('chat:read', { peer: 'sip:a@h', marked: 2 });
    await vi.waitFor(() => expect(counter.current.unreadMessages).toBe(0));
    events.emit('voicemail:new', { heard: false });
    expect(counter.current.unheardVoicemail).toBe(2);
    events.emit('voicemail:changed', { id: 1, unheard: 0 });
    expect(counter.total).toBe(0);
    expect(seen.length).toBeGreaterThan(4);
    counter.stop();
  });
});
