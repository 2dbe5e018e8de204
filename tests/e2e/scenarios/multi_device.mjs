// Two browsers of one account keep its settings in step: a browser restored from the phrase
// takes the account's display name (not the one typed there) and lists the people the account
// wrote to before any new message arrives; a name changed in one browser reaches the other.
import {
  assertClean, createAccount, newUser, openChat, send, shot, until, waitSent, DESKTOP, MOBILE,
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
  await page.getByTestId('display-name-input').fill('Typed on the laptop');
  await page.getByTestId('display-name-continue').click();
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
  assertClean(phone);
  assertClean(laptop);
  assertClean(bob);
}
