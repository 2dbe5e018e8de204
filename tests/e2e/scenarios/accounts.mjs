// Several accounts in one browser: a second account added from the account menu gets its own
// database; two tabs of the same browser, each on its own account, talk to each other through
// the network, each polling for its own; the tab and its notifications name the account; an
// account cannot be restored twice; removing one leaves the other whole.
import {
  assertClean, attach, createAccount, DESKTOP, MOBILE, message, newUser, openChat, receive, send,
  setPassword, setTheme, shot, unlock, until, waitSent,
} from '../lib/app.mjs';
import { violations } from '../lib/a11y.mjs';

export const name = 'several accounts: add, switch, talk between them, notifications, remove';

// The browser's Notification observed, the tab's visibility simulated (see notifications.mjs).
const SPY = () => {
  window.__notes = [];
  window.__noteObjs = [];
  window.__hidden = false;
  class Spy {
    constructor(title, opts) {
      window.__notes.push({ title, body: opts && opts.body });
      window.__noteObjs.push(this);
      this.onclick = null;
    }
    static get permission() { return 'granted'; }
    static requestPermission() { return Promise.resolve('granted'); }
  }
  Object.defineProperty(window, 'Notification', { value: Spy, configurable: true, writable: true });
  Object.defineProperty(Document.prototype, 'hidden', { get: () => window.__hidden, configurable: true });
  Object.defineProperty(Document.prototype, 'visibilityState', {
    get: () => (window.__hidden ? 'hidden' : 'visible'), configurable: true,
  });
};

async function databases(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
}

async function rows(page) {
  await page.getByTestId('account-menu').first().click();
  await page.getByTestId('accounts-dialog').waitFor();
  const list = page.getByTestId('account-row');
  const out = [];
  for (let i = 0; i < (await list.count()); i++) {
    out.push({
      text: (await list.nth(i).textContent()).trim(),
      current: (await list.nth(i).getAttribute('data-current')) === 'true',
    });
  }
  return out;
}

async function closeMenu(page) {
  await page.keyboard.press('Escape');
  await page.getByTestId('accounts-dialog').waitFor({ state: 'detached' });
}

/** Runs `f` with the page at phone width in the light theme (the app follows the system's
 *  until one is chosen), then puts it back. */
async function lightPhone(page, f) {
  await page.setViewportSize(MOBILE);
  await page.emulateMedia({ colorScheme: 'light' });
  await f();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize(DESKTOP);
}

async function tabAccount(page) {
  const el = page.getByTestId('tab-account');
  return (await el.count()) ? (await el.first().textContent()).trim() : null;
}

export async function run(env) {
  const user = await newUser(env, 'accounts', DESKTOP);
  await user.context.addInitScript(SPY);
  const work = user.page;
  const a = await createAccount(env, user, 'Alice Work');
  // Alone, the tab names no account.
  if ((await tabAccount(work)) !== null) throw new Error('one account: the tab names it');
  if ((await work.title()) !== 'Session') throw new Error(`title ${await work.title()}`);
  let listed = await rows(work);
  if (listed.length !== 1 || !listed[0].current || !listed[0].text.includes('Alice Work')) {
    throw new Error(`menu with one account: ${JSON.stringify(listed)}`);
  }
  await shot(env, work, 'accounts-menu-desktop-dark');
  for (const v of await violations(work)) throw new Error(`account menu: ${v}`);

  // Add a second account: the tab moves to its onboarding, which can go back.
  await work.getByTestId('add-account').click();
  await work.getByTestId('create-account').waitFor();
  const back = work.getByTestId('cancel-new-account');
  if (!(await back.textContent()).includes('Alice Work')) throw new Error('no way back to Alice');
  await shot(env, work, 'accounts-welcome-desktop-dark');
  await lightPhone(work, async () => {
    await shot(env, work, 'accounts-welcome-mobile-light');
    for (const v of await violations(work)) throw new Error(`welcome of a new account: ${v}`);
  });
  const b = await createAccount(env, user, 'Bob Home');
  const home = work;
  if ((await tabAccount(home)) !== 'Bob Home') throw new Error(`tab shows ${await tabAccount(home)}`);
  if ((await home.title()) !== 'Bob Home · Session') throw new Error(`title ${await home.title()}`);
  const dbs = await databases(home);
  if (dbs.length !== 2 || dbs[0] !== 'session-web' || !/^session-web@[0-9a-f]{16}$/.test(dbs[1])) {
    throw new Error(`databases ${dbs}`);
  }
  listed = await rows(home);
  if (listed.length !== 2 || listed[0].current || !listed[1].current) {
    throw new Error(`menu with two accounts: ${JSON.stringify(listed)}`);
  }
  await closeMenu(home);
  await shot(env, home, 'accounts-list-desktop-dark');

  // A second tab opens the account used last, then switches to the other one.
  const workTab = await attach(user, await user.context.newPage());
  await workTab.goto('/');
  await workTab.getByTestId('new-conversation').waitFor();
  if ((await tabAccount(workTab)) !== 'Bob Home') throw new Error('a new tab opens the last account');
  await rows(workTab);
  await workTab.getByTestId('account-row').filter({ hasText: 'Alice Work' }).click();
  await until('the second tab on Alice', async () => (await tabAccount(workTab)) === 'Alice Work');
  if ((await tabAccount(home)) !== 'Bob Home') throw new Error('the first tab moved too');

  // Each tab polls for its own account: Bob writes to Alice, Alice answers.
  await openChat(home, a.id);
  await send(home, 'Hello from my other self');
  await waitSent(home, 'Hello from my other self');
  await receive(workTab, b.id, 'Hello from my other self');
  await send(workTab, 'Answered from the work account');
  await waitSent(workTab, 'Answered from the work account');
  await message(home, 'Answered from the work account').waitFor({ timeout: 90_000 });

  // Alice's tab hidden: Bob's tab being visible does not hold back Alice's notification,
  // which names her account. It shows in whichever tab polls for her: her own, or Bob's,
  // which polled her account in the background before her tab opened.
  const notes = async () => [
    ...(await workTab.evaluate(() => window.__notes)),
    ...(await home.evaluate(() => window.__notes)),
  ];
  await workTab.evaluate(() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); });
  await send(home, 'Are you at your desk?');
  await waitSent(home, 'Are you at your desk?');
  await workTab.evaluate(() => window.dispatchEvent(new Event('online')));
  await until('a notification for Alice', async () => (await notes()).length > 0);
  const [note, ...more] = await notes();
  if (more.length || note.title !== 'Bob Home · Alice Work' || note.body !== 'Are you at your desk?') {
    throw new Error(`notifications ${JSON.stringify([note, ...more])}`);
  }
  await workTab.evaluate(() => { window.__hidden = false; document.dispatchEvent(new Event('visibilitychange')); });

  // A password on Bob's account: the list of accounts keeps no name of his any more, and his
  // unlock screen says which account it is and can switch to another.
  await setPassword(home, 'bobs-own-secret');
  await until('the name dropped from the list', async () =>
    !(await home.evaluate(() => localStorage.getItem('session-web.accounts'))).includes('Bob Home'));
  await home.reload();
  await home.getByTestId('unlock-screen').waitFor();
  const shortBob = `${b.id.slice(0, 6)}…${b.id.slice(-4)}`;
  if ((await tabAccount(home)) !== shortBob) throw new Error(`unlock screen names ${await tabAccount(home)}`);
  await shot(env, home, 'accounts-unlock-desktop-dark');
  await lightPhone(home, async () => {
    await shot(env, home, 'accounts-unlock-mobile-light');
    for (const v of await violations(home)) throw new Error(`unlock screen (light, phone): ${v}`);
  });
  for (const v of await violations(home)) throw new Error(`unlock screen with accounts: ${v}`);
  listed = await rows(home);
  if (listed.length !== 2 || !listed[1].text.includes(shortBob)) {
    throw new Error(`menu on the unlock screen: ${JSON.stringify(listed)}`);
  }
  await closeMenu(home);
  await unlock(home, 'bobs-own-secret');
  await home.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
  if ((await tabAccount(home)) !== 'Bob Home') throw new Error('unlocked: the tab names Bob again');

  // The same account cannot be added twice.
  await rows(workTab);
  await workTab.getByTestId('add-account').click();
  await workTab.getByTestId('restore-account').click();
  await workTab.getByTestId('restore-phrase').fill(b.phrase);
  await workTab.getByTestId('restore-continue').click();
  const refused = await workTab.getByTestId('restore-error').textContent();
  if (!refused.includes('already in this browser')) throw new Error(`restored twice: ${refused}`);
  await workTab.goto('/');
  await workTab.getByTestId('cancel-new-account').click();
  await until('back on Alice', async () => (await tabAccount(workTab)) === 'Alice Work');
  if ((await databases(workTab)).length < 2) throw new Error('an account was lost');

  // Phone width, light theme.
  await workTab.setViewportSize(MOBILE);
  await setTheme(workTab, 'light');
  await workTab.getByTestId('new-conversation').waitFor();
  await rows(workTab);
  await shot(env, workTab, 'accounts-menu-mobile-light');
  for (const v of await violations(workTab)) throw new Error(`account menu (light, phone): ${v}`);
  await closeMenu(workTab);

  // With Alice's tab closed, Bob's tab polls for her in the background: a message to her
  // raises a notification there, naming her account, and clicking it opens her chat there.
  await workTab.close({ runBeforeUnload: true });
  await home.goto(`/#/c/${a.id}`);
  await home.locator(`[data-testid=chat-view][data-conv="${a.id}"]`).waitFor();
  await send(home, 'Ping while you are away');
  await waitSent(home, 'Ping while you are away');
  await until('a notification for the account polled in the background', async () =>
    (await home.evaluate(() => window.__notes.map((n) => `${n.title}|${n.body}`)))
      .includes('Bob Home · Alice Work|Ping while you are away'));
  // The account menu shows that Alice has unread messages.
  await home.getByTestId('account-menu-dot').waitFor();
  await rows(home);
  const badge = home.getByTestId('account-row').filter({ hasText: 'Alice Work' }).getByTestId('account-unread');
  const unread = Number((await badge.textContent()).replace(/\D/g, ''));
  if (!(unread >= 1)) throw new Error(`Alice's unread count: ${await badge.textContent()}`);
  await shot(env, home, 'accounts-unread-desktop-dark');
  await closeMenu(home);
  await home.evaluate(() => window.__noteObjs.at(-1).onclick());
  await home.locator(`[data-testid=chat-view][data-conv="${b.id}"]`).waitFor({ timeout: 30_000 });
  await message(home, 'Ping while you are away').waitFor();
  if ((await tabAccount(home)) !== 'Alice Work') throw new Error('the click did not open Alice');

  // Removing Bob's account (from a tab on it): both tabs end on Alice's, whose messages are
  // all there.
  const bobTab = await attach(user, await user.context.newPage());
  await bobTab.goto('/');
  await bobTab.getByTestId('new-conversation').waitFor();
  await rows(bobTab);
  await bobTab.getByTestId('account-row').filter({ hasText: shortBob }).click();
  await bobTab.getByTestId('unlock-screen').waitFor();
  await unlock(bobTab, 'bobs-own-secret');
  await until('the new tab on Bob', async () => (await tabAccount(bobTab)) === 'Bob Home');
  await bobTab.goto('/#/settings');
  await bobTab.getByTestId('remove-account-open').click();
  await bobTab.getByTestId('remove-account-confirm').click();
  for (const page of [bobTab, home]) {
    await page.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
    await until('the account menu to list Alice alone', async () => {
      const r = await rows(page);
      await closeMenu(page);
      return r.length === 1 && r[0].text.includes('Alice Work');
    });
  }
  if ((await tabAccount(home)) !== null) throw new Error('one account left: the tab still names one');
  await receive(bobTab, b.id, 'Are you at your desk?');
  await message(bobTab, 'Answered from the work account').waitFor();
  const left = await home.evaluate(async () => {
    const out = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      let n = 0;
      for (const store of db.objectStoreNames) {
        n += await new Promise((ok) => {
          const req = db.transaction(store).objectStore(store).count();
          req.onsuccess = () => ok(req.result);
        });
      }
      db.close();
      out[name] = n;
    }
    return out;
  });
  if (!(left['session-web'] > 0)) throw new Error(`Alice's data: ${JSON.stringify(left)}`);
  const bobDb = Object.keys(left).find((k) => k.startsWith('session-web@'));
  if (bobDb && left[bobDb] !== 0) throw new Error(`Bob's data left: ${JSON.stringify(left)}`);
  // Its emptied database is deleted at the next start.
  await home.reload();
  await home.getByTestId('new-conversation').waitFor();
  await until('the removed account\'s database to go', async () =>
    (await databases(home)).join() === 'session-web');
  assertClean(user);
}
