// Password lock: a password set in Settings (or while onboarding) seals what the browser stores (the raw IndexedDB
// records hold no message text, no name, no seed), the app then opens on the unlock screen,
// a wrong password is refused and makes the next try wait, the right one opens the chat,
// "Lock now" locks every tab of the account, and removing the password opens without asking.
import {
  assertClean, attach, createAccount, DESKTOP, message, MOBILE, newUser, openChat, send, setPassword,
  setTheme, shot, unlock, until, waitSent,
} from '../lib/app.mjs';
import { violations } from '../lib/a11y.mjs';

export const name = 'password lock: sealed storage, unlock, wrong password, lock now';

const SECRET = 'The spare key is under the blue flowerpot';

/** Every raw record of the app's database, as text (strings, bytes read as UTF-8, Blobs). */
async function rawDump(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const req = indexedDB.open('session-web');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const out = [];
    const text = async (v) => {
      if (typeof v === 'string') return v;
      if (v instanceof Uint8Array) return `<sealed ${v.length}>${new TextDecoder().decode(v)}`;
      if (v instanceof Blob) return new TextDecoder().decode(await v.arrayBuffer());
      if (v && typeof v === 'object') {
        const parts = [];
        for (const k of Object.keys(v)) parts.push(await text(v[k]));
        return parts.join('\n');
      }
      return String(v);
    };
    for (const name of db.objectStoreNames) {
      const values = await new Promise((ok, fail) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      for (const v of values) out.push(`${name}: ${await text(v)}`);
    }
    db.close();
    return out;
  });
}

export async function run(env) {
  const alice = await newUser(env, 'alice-lock', DESKTOP);
  const bob = await newUser(env, 'bob-lock', MOBILE);
  const a = await createAccount(env, alice, 'Alice Lockwood');
  // Bob chooses a password while onboarding, on a phone.
  await bob.page.goto('/');
  await bob.page.getByTestId('create-account').click();
  const b = { id: (await bob.page.getByTestId('new-session-id').textContent()).trim() };
  await bob.page.getByTestId('phrase-saved').check();
  await bob.page.getByTestId('create-continue').click();
  await bob.page.getByTestId('display-name-input').fill('Bob');
  await bob.page.getByTestId('onboarding-password-open').click();
  await bob.page.getByTestId('onboarding-password').fill('bobs-secret');
  await bob.page.getByTestId('onboarding-password-confirm').fill('bobs-secret');
  await shot(env, bob.page, 'lock-onboarding-mobile-dark');
  for (const v of await violations(bob.page)) throw new Error(`onboarding with a password: ${v}`);
  await bob.page.getByTestId('display-name-continue').click();
  await bob.page.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
  await bob.page.reload();
  await bob.page.getByTestId('unlock-screen').waitFor();
  await unlock(bob.page, 'bobs-secret');
  await bob.page.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
  await openChat(alice.page, b.id);
  await send(alice.page, SECRET);
  await waitSent(alice.page, SECRET);

  // Before: the plain records show the text (so the check below can fail).
  const before = (await rawDump(alice.page)).join('\n');
  if (!before.includes(SECRET)) throw new Error('the message is not in the raw records before the lock');

  // Too short, then mismatched: refused with a reason.
  await alice.page.goto('/#/settings');
  await alice.page.getByTestId('set-password').click();
  await alice.page.getByTestId('password-new').fill('abc');
  await alice.page.getByTestId('password-confirm').fill('abc');
  await alice.page.getByTestId('password-submit').click();
  await alice.page.getByTestId('password-error').getByText('at least 6').waitFor();
  await alice.page.getByTestId('password-new').fill('lighthouse-42');
  await alice.page.getByTestId('password-confirm').fill('lighthouse-43');
  await alice.page.getByTestId('password-submit').click();
  await alice.page.getByTestId('password-error').getByText('do not match').waitFor();
  await shot(env, alice.page, 'lock-settings-form-desktop-dark');
  await alice.page.goto('/');
  await alice.page.getByTestId('new-conversation').waitFor();

  // A second tab of Alice's: it reloads onto the unlock screen once the password is set.
  const second = await attach(alice, await alice.context.newPage());
  await second.goto('/');
  await second.getByTestId('new-conversation').waitFor();

  await setPassword(alice.page, 'lighthouse-42');
  await second.getByTestId('unlock-screen').waitFor({ timeout: 30_000 });
  await shot(env, alice.page, 'lock-settings-on-desktop-dark');
  for (const v of await violations(alice.page)) throw new Error(`settings with a password: ${v}`);

  const after = (await rawDump(alice.page)).join('\n');
  for (const secret of [SECRET, 'Alice Lockwood', a.phrase.split(' ')[0] + ' ' + a.phrase.split(' ')[1]]) {
    if (after.includes(secret)) throw new Error(`the raw records still show "${secret}"`);
  }
  if (!after.includes('<sealed')) throw new Error('no sealed record found');

  // A reload asks for the password; a wrong one is refused and the next try waits.
  await alice.page.reload();
  await alice.page.getByTestId('unlock-screen').waitFor();
  for (const v of await violations(alice.page)) throw new Error(`unlock screen: ${v}`);
  await shot(env, alice.page, 'lock-unlock-desktop-dark');
  const wrong = async () => {
    await unlock(alice.page, 'wrong password');
    await alice.page.getByTestId('unlock-error').getByText('Wrong password').waitFor({ timeout: 30_000 });
  };
  await wrong();
  await new Promise((r) => setTimeout(r, 1_200));
  await wrong();
  // Two in a row: even the right password waits 2 s.
  await unlock(alice.page, 'lighthouse-42');
  await alice.page.getByTestId('unlock-error').getByText('try again in').waitFor({ timeout: 30_000 });
  await shot(env, alice.page, 'lock-unlock-error-desktop-dark');
  await new Promise((r) => setTimeout(r, 2_200));
  await unlock(alice.page, 'lighthouse-42');
  await alice.page.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
  await alice.page.locator(`[data-testid=conversation-item][data-conv="${b.id}"]`).click();
  await message(alice.page, SECRET).waitFor();

  // Messages keep coming and going while unlocked, sealed as they are stored.
  await openChat(bob.page, a.id);
  await send(bob.page, 'Got it, see you there');
  await message(alice.page, 'Got it, see you there').waitFor({ timeout: 90_000 });
  await until('the reply to be stored sealed', async () => {
    const dump = (await rawDump(alice.page)).join('\n');
    return !dump.includes('see you there') && dump.includes('<sealed');
  });

  // Lock now: both tabs lock.
  await unlock(second, 'lighthouse-42');
  await second.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
  await alice.page.goto('/#/settings');
  await alice.page.getByTestId('lock-now').click();
  await alice.page.getByTestId('unlock-screen').waitFor();
  await second.getByTestId('unlock-screen').waitFor({ timeout: 30_000 });
  await second.close();

  // Light theme and phone width of the unlock screen.
  await setTheme(alice.page, 'light');
  await alice.page.getByTestId('unlock-screen').waitFor();
  for (const v of await violations(alice.page)) throw new Error(`unlock screen light: ${v}`);
  await shot(env, alice.page, 'lock-unlock-desktop-light');
  await alice.page.setViewportSize(MOBILE);
  await shot(env, alice.page, 'lock-unlock-mobile-light');
  await setTheme(alice.page, 'dark');
  await alice.page.getByTestId('unlock-screen').waitFor();
  await shot(env, alice.page, 'lock-unlock-mobile-dark');
  await alice.page.setViewportSize(DESKTOP);

  // Bob's Settings on a phone, both themes (each reload asks for his password).
  for (const theme of ['dark', 'light']) {
    await setTheme(bob.page, theme);
    await bob.page.getByTestId('unlock-screen').waitFor();
    await unlock(bob.page, 'bobs-secret');
    await bob.page.getByTestId('unlock-screen').waitFor({ state: 'detached', timeout: 30_000 });
    await bob.page.goto('/#/settings');
    await bob.page.getByTestId('password-on').scrollIntoViewIfNeeded();
    await shot(env, bob.page, `lock-settings-on-mobile-${theme}`);
    for (const v of await violations(bob.page)) throw new Error(`settings mobile ${theme}: ${v}`);
  }

  // Removing the password: the app opens without asking.
  await unlock(alice.page, 'lighthouse-42');
  await alice.page.getByTestId('new-conversation').waitFor({ timeout: 30_000 });
  await alice.page.goto('/#/settings');
  await alice.page.getByTestId('remove-password').click();
  await alice.page.getByTestId('password-current').fill('lighthouse-42');
  await alice.page.getByTestId('password-submit').click();
  await alice.page.getByTestId('password-off').waitFor({ timeout: 30_000 });
  await alice.page.reload();
  await alice.page.getByTestId('password-panel').waitFor({ timeout: 30_000 });
  await alice.page.goto('/');
  await alice.page.locator(`[data-testid=conversation-item][data-conv="${b.id}"]`).click();
  await message(alice.page, 'Got it, see you there').waitFor();

  assertClean(alice);
  assertClean(bob);
}
