// Two browsers create accounts and chat both ways; names travel; a reload keeps the history.
// Also covers the screens a user meets on the way (screenshots in dark and light, mobile and
// desktop), the Session ID validation and the composer's character limit.
import {
  assertClean, listEntry, createAccount, MOBILE, message, newUser, openChat, phraseOf, receive, send, setTheme, shot,
  until, waitSent,
} from '../lib/app.mjs';

export const name = 'two browsers chat both ways, names travel, reload keeps history';

/** Types an ONS name on the new conversation screen and waits for the ID it resolves to. */
async function lookUpName(page, name, expected) {
  await page.getByTestId('recipient-input').fill(name);
  await page.getByTestId('start-conversation').click();
  await page.getByTestId('ons-resolved').waitFor({ timeout: 60_000 });
  await until('the start button enabled again', () => page.getByTestId('start-conversation').isEnabled());
  const shown = (await page.getByTestId('ons-resolved-id').textContent()).replace(/\s/g, '');
  if (shown !== expected) throw new Error(`${name} resolved to ${shown}, expected ${expected}`);
}

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob', MOBILE);

  await alice.page.goto('/');
  await alice.page.getByTestId('create-account').waitFor();
  await shot(env, alice.page, 'welcome-desktop-dark');
  await bob.page.goto('/');
  await bob.page.getByTestId('create-account').waitFor();
  await shot(env, bob.page, 'welcome-mobile-dark');

  const a = await createAccount(env, alice, 'Alice', { shots: 'desktop' });
  const b = await createAccount(env, bob, 'Bob', { shots: 'mobile' });
  await shot(env, alice.page, 'list-empty-desktop-dark');
  await shot(env, bob.page, 'list-empty-mobile-dark');
  await bob.page.getByTestId('new-conversation').click();
  await bob.page.getByTestId('recipient-input').waitFor();
  await shot(env, bob.page, 'new-conversation-mobile-dark');
  await bob.page.goBack();

  // A malformed Session ID is refused with a clear message.
  await alice.page.getByTestId('new-conversation').click();
  await alice.page.getByTestId('recipient-input').fill(b.id.slice(0, 40));
  await alice.page.getByTestId('start-conversation').click();
  const err = await alice.page.getByTestId('recipient-error').textContent();
  if (!/66 characters/.test(err)) throw new Error(`unexpected validation message: ${err}`);
  await shot(env, alice.page, 'new-conversation-error-desktop-dark');
  await alice.page.getByTestId('recipient-input').fill('zz' + b.id.slice(2));
  await alice.page.getByTestId('start-conversation').click();
  await alice.page.getByTestId('recipient-error').waitFor();

  // An ONS name: refused while nobody registered it; once the local network has it, looked up
  // through three nodes and its ID shown before the chat starts.
  await alice.page.getByTestId('recipient-input').fill('bob-the-builder');
  await alice.page.getByTestId('start-conversation').click();
  await until('an unregistered name refused', async () => /No Session ID is registered/.test(
    await alice.page.getByTestId('recipient-error').textContent().catch(() => '')));
  await env.relay.admin('/admin/ons', { name: 'Bob-The-Builder', session_id: b.id });
  await env.relay.admin('/admin/ons', { name: 'alice', session_id: a.id });
  await lookUpName(alice.page, 'Bob-the-Builder', b.id);
  await shot(env, alice.page, 'new-conversation-ons-desktop-dark');
  await alice.page.getByTestId('start-conversation').click();
  await alice.page.locator(`[data-testid=chat-view][data-conv="${b.id}"]`).waitFor();
  await bob.page.getByTestId('new-conversation').click();
  await lookUpName(bob.page, 'alice', a.id);
  await shot(env, bob.page, 'new-conversation-ons-mobile-dark');
  await bob.page.goBack();

  // Alice writes first; Bob sees the conversation with Alice's name and an unread count.
  await openChat(alice.page, b.id);
  await shot(env, alice.page, 'chat-empty-desktop-dark');
  await send(alice.page, 'Hello Bob, this is Alice 👋');
  await waitSent(alice.page, 'Hello Bob, this is Alice 👋');
  await send(alice.page, 'A second line\nwith a line break, and a long word: ' + 'x'.repeat(120));

  // Alice is new to Bob: her first messages wait among his message requests.
  const item = await listEntry(bob.page, a.id);
  await until('Alice\'s name on Bob\'s list', async () =>
    (await item.locator('.conversation-name').textContent()) === 'Alice');
  await until('two unread messages', async () =>
    (await item.getByTestId('unread-badge').textContent().catch(() => '')) === '2');
  await shot(env, bob.page, 'list-unread-mobile-dark');
  await item.click();
  await message(bob.page, 'Hello Bob, this is Alice 👋').waitFor();
  await bob.page.getByTestId('unread-marker').waitFor();
  await shot(env, bob.page, 'chat-unread-mobile-dark');

  // Bob answers with Shift+Enter for a new line; Enter sends.
  const box = bob.page.getByTestId('composer-input');
  await box.fill('Hi Alice!');
  await box.press('Shift+Enter');
  await box.type('How are you?');
  await box.press('Enter');
  await waitSent(bob.page, 'Hi Alice!\nHow are you?');
  await receive(alice.page, b.id, 'Hi Alice!\nHow are you?');
  const title = await alice.page.getByTestId('chat-title').textContent();
  if (title !== 'Bob') throw new Error(`Alice sees "${title}" instead of Bob's name`);
  await shot(env, alice.page, 'chat-desktop-dark');
  await shot(env, bob.page, 'chat-mobile-dark');

  // The character limit: a counter near it, sending disabled past it.
  await bob.page.getByTestId('composer-input').fill('y'.repeat(1_950));
  await bob.page.getByTestId('char-counter').waitFor();
  await bob.page.getByTestId('composer-input').fill('y'.repeat(2_001));
  await until('send disabled past 2,000 characters', () =>
    bob.page.getByTestId('send').isDisabled());
  await shot(env, bob.page, 'composer-over-limit-mobile-dark');
  await bob.page.getByTestId('composer-input').fill('');

  // A reload keeps the history (and the draft-free composer).
  await alice.page.reload();
  await message(alice.page, 'Hello Bob, this is Alice 👋').waitFor();
  await message(alice.page, 'Hi Alice!\nHow are you?').waitFor();
  const count = await alice.page.getByTestId('message').count();
  if (count !== 3) throw new Error(`after reload Alice sees ${count} messages, expected 3`);

  // Light theme, list and chat, both widths.
  await setTheme(alice.page, 'light');
  await message(alice.page, 'Hi Alice!\nHow are you?').waitFor();
  await shot(env, alice.page, 'chat-desktop-light');
  await setTheme(bob.page, 'light');
  await bob.page.goto('/#/');
  await bob.page.locator(`[data-testid=conversation-item][data-conv="${a.id}"]`).waitFor();
  await shot(env, bob.page, 'list-mobile-light');
  await bob.page.getByTestId('new-conversation').click();
  await lookUpName(bob.page, 'ALICE', a.id);
  await shot(env, bob.page, 'new-conversation-ons-mobile-light');
  await bob.page.getByTestId('start-conversation').click();
  await bob.page.locator(`[data-testid=chat-view][data-conv="${a.id}"]`).waitFor();
  await alice.page.getByTestId('new-conversation').click();
  await lookUpName(alice.page, 'bob-the-builder', b.id);
  await shot(env, alice.page, 'new-conversation-ons-desktop-light');

  // Settings, in both themes.
  await alice.page.getByTestId('open-settings').click();
  await alice.page.getByTestId('settings').waitFor();
  await alice.page.getByTestId('onion-hop').first().waitFor({ timeout: 90_000 });
  await shot(env, alice.page, 'settings-desktop-light');
  await alice.page.getByTestId('show-phrase').click();
  await alice.page.getByTestId('confirm-show-phrase').click();
  const shown = await phraseOf(alice.page);
  if (shown !== a.phrase) throw new Error('settings show a different recovery phrase');
  await alice.page.getByTestId('theme-dark').click();
  await shot(env, alice.page, 'settings-phrase-desktop-dark');
  const hops = await alice.page.getByTestId('onion-hop').count();
  if (hops !== 3) throw new Error(`onion path shows ${hops} hops, expected 3`);
  await bob.page.goto('/#/settings');
  await bob.page.getByTestId('settings').waitFor();
  await shot(env, bob.page, 'settings-mobile-light');

  assertClean(alice);
  assertClean(bob);
}
