// Stored data is never silently replaced, and nobody passes for Note to Self: a contact named
// "Note to Self" shows with their short ID next to our own, bookmarked Note to Self; a
// damaged account record brings up the screen that restores it (another account's phrase is
// refused, the right one brings the conversations back); a storage problem another tab found
// shows here too.
import {
  assertClean, createAccount, DESKTOP, MOBILE, message, newUser, openChat, receive, send, shot,
  waitSent,
} from '../lib/app.mjs';

export const name = 'a damaged account is restored with its data, never replaced';

/** Screenshots of the current screen: desktop and phone, dark and light. */
async function shots(env, page, base) {
  for (const [size, viewport] of [['desktop', DESKTOP], ['mobile', MOBILE]]) {
    await page.setViewportSize(viewport);
    for (const scheme of ['dark', 'light']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(150);
      await shot(env, page, `${base}-${size}-${scheme}`);
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'dark' });
}

/** Overwrites the account record in the app's IndexedDB, as a damaged profile might. */
async function damageAccount(page) {
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('session-web');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').put('{"seed": "not a seed', 'identity');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const mallory = await newUser(env, 'mallory');
  const a = await createAccount(env, alice, 'Alice');
  const m = await createAccount(env, mallory, 'Note to Self');
  const page = alice.page;

  // Our own Note to Self, and a contact who calls themselves that.
  await page.getByTestId('new-conversation').click();
  await page.getByTestId('recipient-input').fill(a.id);
  await page.getByTestId('start-conversation').click();
  await page.locator('[data-testid=chat-view][data-conv="self"]').waitFor();
  await send(page, 'Buy milk');
  await waitSent(page, 'Buy milk');
  await openChat(mallory.page, a.id);
  await send(mallory.page, 'It is me, your notes');
  await receive(page, m.id, 'It is me, your notes');
  // A first message from someone new is a request: accepted, it lists.
  await page.getByTestId('request-accept').click();
  await page.getByTestId('request-bar').waitFor({ state: 'detached' });
  const short = `${m.id.slice(0, 6)}…${m.id.slice(-4)}`;
  const title = (await page.getByTestId('chat-title').textContent()).trim();
  if (title !== `${short} (Note to Self)`) throw new Error(`the impostor's chat is titled ${title}`);
  if (await page.locator('.chat-subtitle').count()) throw new Error('the short ID is shown twice');
  const own = page.locator('[data-testid=conversation-item][data-conv="self"]');
  if ((await own.getByTestId('note-to-self-avatar').count()) !== 1) {
    throw new Error('our Note to Self has no bookmark avatar');
  }
  const fake = page.locator(`[data-testid=conversation-item][data-conv="${m.id}"]`);
  if ((await fake.getByTestId('note-to-self-avatar').count()) !== 0) {
    throw new Error('a contact got the Note to Self avatar');
  }
  await shots(env, page, 'note-to-self-impostor');
  await page.goto('/#/c/self');
  await message(page, 'Buy milk').waitFor();
  await shots(env, page, 'note-to-self-chat');

  // Another tab found storage failing: the banner shows in this one too.
  const other = await alice.context.newPage();
  await other.goto('/');
  await other.getByTestId('new-conversation').waitFor();
  await other.evaluate((id) => new BroadcastChannel(`session-web-${id}`)
    .postMessage(JSON.stringify({ t: 'storage', state: 'full' })), a.id);
  await page.getByTestId('storage-banner').waitFor();
  await shots(env, page, 'storage-full-banner');
  await other.evaluate((id) => new BroadcastChannel(`session-web-${id}`)
    .postMessage(JSON.stringify({ t: 'storage', state: '' })), a.id);
  await page.getByTestId('storage-banner').waitFor({ state: 'detached' });
  await other.close();

  // The account record is damaged: no welcome screen, no new account over the old one.
  await damageAccount(page);
  await page.reload();
  await page.getByTestId('recover-account').waitFor();
  if (await page.getByTestId('create-account').count()) throw new Error('a new account is offered');
  const summary = await page.getByTestId('recover-summary').textContent();
  const mine = `${a.id.slice(0, 6)}…${a.id.slice(-4)}`;
  if (!summary.includes('2 conversations') || !summary.includes(mine)) {
    throw new Error(`the screen says: ${summary}`);
  }
  await shots(env, page, 'recover-account');

  // Another account's phrase is refused, naming both.
  await page.getByTestId('restore-phrase').fill(m.phrase);
  await page.getByTestId('restore-continue').click();
  const refused = await page.getByTestId('restore-error').textContent();
  if (!refused.includes(mine) || !refused.includes(short)) throw new Error(`refused with: ${refused}`);
  await shots(env, page, 'recover-other-phrase');
  await page.getByTestId('recover-delete-open').click();
  await shots(env, page, 'recover-delete-confirm');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The account's own phrase brings it back with its conversations and name.
  await page.getByTestId('restore-phrase').fill(a.phrase);
  await page.getByTestId('restore-continue').click();
  await page.locator(`[data-testid=conversation-item][data-conv="${m.id}"]`).waitFor();
  await page.goto(`/#/c/${m.id}`);
  await message(page, 'It is me, your notes').waitFor();
  await page.getByTestId('open-settings').click();
  const id = (await page.getByTestId('my-session-id').textContent()).trim();
  if (id !== a.id) throw new Error(`restored as ${id}, expected ${a.id}`);
  assertClean(alice);
  assertClean(mallory);
}
