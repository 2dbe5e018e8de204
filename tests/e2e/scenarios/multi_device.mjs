// Two browsers of one account keep its settings in step: a browser restored from the phrase
// takes the account's display name and lists the people the account
// wrote to before any new message arrives; a name changed in one browser reaches the other, and
// so do a conversation's pin, mute and "marked unread".
import assert from 'node:assert/strict';
import {
  assertClean, createAccount, message, newUser, openChat, send, shot, until, waitSent, DESKTOP, MOBILE,
} from '../lib/app.mjs';

export const name = 'two browsers of one account share its name and contacts';

/** The display name the settings screen shows (opened afresh). */
async function nameIn(page) {
  await page.goto('/#/');
  await page.goto('/#/settings');
  const input = page.getByTestId('settings-name');
  await input.waitFor();
  return input.inputValue();
}

export async function run(env) {
  const phone = await newUser(env, 'alice-phone');
  const bob = await newUser(env, 'bob');
  const a = await createAccount(env, phone, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await openChat(phone.page, b.id);
  await send(phone.page, 'Hi Bob');
  await waitSent(phone.page, 'Hi Bob');
  // The phone has pushed its name and the new contact with its polls.
  await phone.page.waitForTimeout(3_000);

  const laptop = await newUser(env, 'alice-laptop', MOBILE);
  const page = laptop.page;
  await page.goto('/');
  await page.getByTestId('restore-account').click();
  await page.getByTestId('restore-phrase').fill(a.phrase);
  await page.getByTestId('restore-continue').click();
  await page.getByTestId('new-conversation').waitFor();
  // Bob is listed from the account's contacts.
  await page.locator(`[data-testid=conversation-item][data-conv="${b.id}"]`).waitFor({ timeout: 20_000 });
  await until('the account\'s name on the laptop', async () => (await nameIn(page)) === 'Alice');
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/#/');
    await page.locator(`[data-testid=conversation-item][data-conv="${b.id}"]`).waitFor();
    await shot(env, page, `multi-device-restored-list-mobile-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });

  // A new name on the laptop reaches the phone.
  await page.goto('/#/settings');
  await page.getByTestId('settings-name').fill('Alice (laptop)');
  await page.getByRole('button', { name: 'Save' }).click();
  await until('the new name on the phone', async () => (await nameIn(phone.page)) === 'Alice (laptop)');
  await phone.page.setViewportSize(DESKTOP);
  await shot(env, phone.page, 'multi-device-synced-name-desktop-dark');

  // Pinned, muted and marked unread on the laptop: the phone shows all three.
  const item = (p) => p.locator(`[data-testid=conversation-item][data-conv="${b.id}"]`);
  await page.goto('/#/');
  await openChat(page, b.id);
  await message(page, 'Hi Bob').waitFor();
  await page.getByTestId('conv-menu-open').click();
  await page.getByTestId('conv-menu').waitFor();
  for (const scheme of ['dark', 'light']) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(env, page, `multi-device-menu-mobile-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('conv-menu-pin').click();
  await page.getByTestId('conv-menu-open').click();
  await page.getByTestId('conv-menu-mute').click();
  await page.getByTestId('conv-menu-mute-4').click();
  await page.getByTestId('conv-menu-open').click();
  await page.getByTestId('conv-menu-unread').click();
  await item(page).getByTestId('marked-unread').waitFor();
  await phone.page.goto('/#/');
  for (const flag of ['pinned-flag', 'muted-flag', 'marked-unread']) {
    await item(phone.page).getByTestId(flag).waitFor({ timeout: 20_000 });
  }
  for (const scheme of ['dark', 'light']) {
    await phone.page.emulateMedia({ colorScheme: scheme });
    await shot(env, phone.page, `multi-device-synced-flags-desktop-${scheme}`);
  }
  await phone.page.emulateMedia({ colorScheme: 'dark' });
  // Read on the phone: no longer marked unread on the laptop; unpinned there: not on the phone.
  await openChat(phone.page, b.id);
  await phone.page.getByTestId('conv-menu-open').click();
  await phone.page.getByTestId('conv-menu-pin').click();
  await page.goto('/#/');
  await until('read and unpinned on the laptop', async () =>
    (await item(page).getByTestId('marked-unread').count()) === 0
      && (await item(page).getByTestId('pinned-flag').count()) === 0, 20_000);
  assert.equal(await item(page).getByTestId('muted-flag').count(), 1, 'still muted');
  assertClean(phone);
  assertClean(laptop);
  assertClean(bob);
}
