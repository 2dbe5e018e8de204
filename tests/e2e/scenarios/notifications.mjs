// A message arriving while the tab is hidden raises a notification (once allowed); none while
// the tab is visible. The browser's Notification is observed, and the tab's visibility
// simulated, through an init script (it runs before the page, outside its CSP).
import {
  assertClean, createAccount, newUser, openChat, send, until, waitSent, listEntry,
} from '../lib/app.mjs';

export const name = 'a message to a hidden tab raises a notification';

const SPY = () => {
  window.__notes = [];
  window.__hidden = false;
  const Real = window.Notification;
  class Spy {
    constructor(title, opts) {
      window.__notes.push({ title, body: opts && opts.body, tag: opts && opts.tag });
      this.onclick = null;
    }
    static get permission() { return 'granted'; }
    static requestPermission() { return Promise.resolve('granted'); }
  }
  Object.defineProperty(window, 'Notification', { value: Spy, configurable: true, writable: true });
  window.__RealNotification = Real;
  Object.defineProperty(Document.prototype, 'hidden', { get: () => window.__hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', {
    get: () => (window.__hidden ? 'hidden' : 'visible'), configurable: true,
  });
};

async function setHidden(page, hidden) {
  await page.evaluate((h) => {
    window.__hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob');
  await alice.context.addInitScript(SPY);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await openChat(bob.page, a.id);

  await setHidden(alice.page, true);
  await send(bob.page, 'Are you there?');
  await waitSent(bob.page, 'Are you there?');
  // Wake the hidden tab's poller (it polls every 30 s while hidden).
  await alice.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await until('a notification', async () =>
    (await alice.page.evaluate(() => window.__notes.length)) > 0);
  const [note] = await alice.page.evaluate(() => window.__notes);
  if (note.title !== 'Bob' || note.body !== 'Are you there?' || note.tag !== b.id) {
    throw new Error(`unexpected notification ${JSON.stringify(note)}`);
  }

  // Visible again: new messages show in the list without a notification.
  await setHidden(alice.page, false);
  await send(bob.page, 'Now you see me');
  await waitSent(bob.page, 'Now you see me');
  // Bob is new to Alice: his messages are a request, listed apart.
  const item = await listEntry(alice.page, b.id);
  await until('the second message in the list', async () =>
    ((await item.locator('.conversation-preview').textContent()) || '').includes('Now you see me'));
  const count = await alice.page.evaluate(() => window.__notes.length);
  if (count !== 1) throw new Error(`${count} notifications, expected 1`);
  assertClean(alice);
  assertClean(bob);
}
