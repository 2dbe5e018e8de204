// Accessibility: the main screens, menus and dialogs pass axe-core's WCAG 2.1 A/AA rules
// (names and roles of controls, contrast, ARIA use) in both themes and at both widths; a
// keyboard alone starts a conversation, writes, switches conversations, opens a message's menu
// and the list of shortcuts; new messages in the open chat are in a live log.
import {
  assertClean, createAccount, message, MOBILE, newUser, receive, send, setTheme, shot, until,
  waitSent,
} from '../lib/app.mjs';
import { violations } from '../lib/a11y.mjs';

export const name = 'accessibility: axe audit of every main screen, keyboard only';

/** The `data-testid` of the focused element (or its tag). */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? (el.getAttribute('data-testid') || el.tagName.toLowerCase()) : null;
  });
}

/** Presses `key` until the focus is on `testid` (at most `max` presses). */
async function tabTo(page, testid, key = 'Tab', max = 40) {
  for (let i = 0; i < max; i += 1) {
    if (await focused(page) === testid) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${testid} (focus on ${await focused(page)})`);
}

/** With the new conversation screen's field focused: types `id`, Enter, then (the chat `conv`
 * open, its box focused) `text`, Enter, and waits until it is sent. */
async function writeByKeyboard(page, id, conv, text) {
  await page.keyboard.type(id);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid=chat-view][data-conv="${conv}"]`).waitFor();
  await until('the composer focused', async () => await focused(page) === 'composer-input');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await waitSent(page, text);
}

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob', MOBILE);
  const found = [];
  const check = async (page, where) => {
    for (const v of await violations(page)) found.push(`${where}: ${v}`);
  };
  const bothThemes = async (user, where, reopen) => {
    await check(user.page, `${where} dark`);
    await setTheme(user.page, 'light');
    if (reopen) await reopen();
    await check(user.page, `${where} light`);
    await setTheme(user.page, 'dark');
    if (reopen) await reopen();
  };

  for (const u of [alice, bob]) {
    await u.page.goto('/');
    await u.page.getByTestId('create-account').waitFor();
  }
  await bothThemes(alice, 'welcome desktop', () => alice.page.getByTestId('create-account').waitFor());
  await bob.page.getByTestId('restore-account').click();
  await bob.page.getByTestId('restore-phrase').waitFor();
  await check(bob.page, 'restore mobile dark');
  await bob.page.goto('/');
  await bob.page.getByTestId('create-account').waitFor();
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await bothThemes(alice, 'list empty desktop', () => alice.page.getByTestId('new-conversation').waitFor());

  // Keyboard only: Ctrl+Alt+N, the ID, Enter; the composer has the focus; Enter sends.
  await alice.page.keyboard.press('Control+Alt+KeyN');
  await alice.page.getByTestId('recipient-input').waitFor();
  if (await focused(alice.page) !== 'recipient-input') {
    throw new Error(`the new conversation screen leaves the focus on ${await focused(alice.page)}`);
  }
  await bothThemes(alice, 'new conversation desktop',
    () => alice.page.getByTestId('recipient-input').waitFor());
  await writeByKeyboard(alice.page, b.id, b.id, 'Hello Bob, typed without a mouse');
  // A second conversation (Note to Self) to move between.
  await alice.page.keyboard.press('Control+Alt+KeyN');
  await alice.page.getByTestId('recipient-input').waitFor();
  await writeByKeyboard(alice.page, a.id, 'self', 'A note');
  // Alt+↓ and Alt+↑ walk the list (Note to Self is newest, so first).
  await alice.page.keyboard.press('Alt+ArrowDown');
  await alice.page.locator(`[data-testid=chat-view][data-conv="${b.id}"]`).waitFor();
  await alice.page.keyboard.press('Alt+ArrowUp');
  await alice.page.locator(`[data-testid=chat-view][data-conv="self"]`).waitFor();
  await alice.page.keyboard.press('Alt+ArrowDown');
  await alice.page.locator(`[data-testid=chat-view][data-conv="${b.id}"]`).waitFor();

  // The open chat is a live log: Bob's answer is announced there.
  const log = alice.page.getByTestId('messages');
  if (await log.getAttribute('role') !== 'log') throw new Error('the messages are not a live log');
  await receive(bob.page, a.id, 'Hello Bob, typed without a mouse');
  await check(bob.page, 'chat with a request mobile dark');
  await bob.page.getByTestId('composer-input').fill('Hi Alice');
  await bob.page.getByTestId('composer-input').press('Enter');
  await message(alice.page, 'Hi Alice').waitFor({ timeout: 90_000 });
  await bothThemes(alice, 'chat desktop', () => message(alice.page, 'Hi Alice').waitFor());
  await bothThemes(bob, 'chat mobile', () => message(bob.page, 'Hi Alice').waitFor());

  // A message's menu by keyboard: Shift+Tab back from the composer to its button, Enter.
  await alice.page.getByTestId('composer-input').focus();
  await tabTo(alice.page, 'msg-more', 'Shift+Tab');
  await alice.page.keyboard.press('Enter');
  await alice.page.getByTestId('msg-menu').waitFor();
  await check(alice.page, 'message menu desktop dark');
  await shot(env, alice.page, 'a11y-message-menu-desktop-dark');
  await alice.page.keyboard.press('Escape');
  await alice.page.getByTestId('msg-menu').waitFor({ state: 'detached' });
  // The conversation's menu and the emoji picker.
  await alice.page.getByTestId('conv-menu-open').click();
  await check(alice.page, 'conversation menu desktop dark');
  await alice.page.keyboard.press('Escape');
  await alice.page.getByTestId('emoji-open').click();
  await alice.page.getByTestId('emoji-picker').waitFor();
  await check(alice.page, 'emoji picker desktop dark');
  await alice.page.keyboard.press('Escape');

  // The shortcuts: Ctrl+/ opens the list (focus inside), Escape closes it.
  await alice.page.getByTestId('composer-input').focus();
  await alice.page.keyboard.press('Control+Slash');
  await alice.page.getByTestId('shortcuts-help').waitFor();
  if (await focused(alice.page) !== 'shortcuts-close') throw new Error('the shortcuts dialog did not take the focus');
  await bothThemes(alice, 'shortcuts desktop', async () => {
    await alice.page.getByTestId('composer-input').waitFor();
    await alice.page.keyboard.press('Control+Slash');
    await alice.page.getByTestId('shortcuts-help').waitFor();
  });
  await shot(env, alice.page, 'a11y-shortcuts-desktop-dark');
  await alice.page.keyboard.press('Escape');
  await alice.page.getByTestId('shortcuts-help').waitFor({ state: 'detached' });
  // `?` outside a text field opens it too; inside one it is just a question mark.
  await alice.page.getByTestId('composer-input').fill('');
  await alice.page.getByTestId('composer-input').press('?');
  if (await alice.page.getByTestId('shortcuts-help').count()) throw new Error('? in the composer opened the shortcuts');
  await alice.page.getByTestId('composer-input').fill('');
  await alice.page.evaluate(() => document.activeElement.blur());
  await alice.page.keyboard.press('?');
  await alice.page.getByTestId('shortcuts-help').waitFor();
  await alice.page.keyboard.press('Escape');

  // Search: every conversation, then one; a result opens its chat at the message, marked.
  const field = alice.page.getByTestId('search-input');
  await field.fill('TYPED witho');
  const hit = alice.page.getByTestId('search-hit');
  await until('one search result', async () => await hit.count() === 1);
  const marked = await hit.locator('mark').allTextContents();
  if (marked.join('|') !== 'typed|witho') throw new Error(`marked ${marked.join('|')}`);
  await bothThemes(alice, 'search results desktop', async () => {
    await alice.page.getByTestId('search-input').fill('TYPED witho');
    await until('the result again', async () => await hit.count() === 1);
    await shot(env, alice.page, `search-results-desktop-${await alice.page.evaluate(() => localStorage.getItem('session-web.theme'))}`);
  });
  await alice.page.getByTestId('search-input').fill('TYPED witho');
  await until('the result again', async () => await hit.count() === 1);
  await shot(env, alice.page, 'search-results-desktop-dark');
  await hit.click();
  await alice.page.locator(`[data-testid=chat-view][data-conv="${b.id}"]`).waitFor();
  await alice.page.locator('.msg-found').waitFor();
  await shot(env, alice.page, 'search-found-desktop-dark');
  await alice.page.getByTestId('search-input').fill('');
  await alice.page.getByTestId('conv-menu-open').click();
  await alice.page.getByTestId('conv-menu-search').click();
  await alice.page.getByTestId('search-scope').waitFor();
  await until('the scoped search field focused', async () => await focused(alice.page) === 'search-input', 5_000);
  await alice.page.keyboard.type('note');
  await until('nothing from Note to Self in Bob\'s chat', async () =>
    await alice.page.getByTestId('search-empty').count() === 1);
  await alice.page.getByTestId('search-scope-clear').click();
  await until('the note found everywhere', async () => await hit.count() === 1);
  await alice.page.getByTestId('search-input').press('Escape');
  await alice.page.getByTestId('conversation-list').waitFor();

  // Settings by keyboard (Ctrl+Alt+,), its dialogs, and the other screens.
  await alice.page.getByTestId('composer-input').focus();
  await alice.page.keyboard.press('Control+Alt+Comma');
  await alice.page.getByTestId('settings').waitFor();
  await bothThemes(alice, 'settings desktop', () => alice.page.getByTestId('settings').waitFor());
  await alice.page.getByTestId('show-phrase').click();
  await alice.page.getByTestId('confirm-show-phrase').waitFor();
  await check(alice.page, 'confirm dialog desktop dark');
  await shot(env, alice.page, 'a11y-confirm-desktop-dark');
  await alice.page.keyboard.press('Escape');
  await bob.page.goto('/#/settings');
  await bob.page.getByTestId('settings').waitFor();
  await bothThemes(bob, 'settings mobile', () => bob.page.getByTestId('settings').waitFor());
  // The shortcuts from Settings on a phone (light theme for the screenshot).
  await setTheme(bob.page, 'light');
  await bob.page.getByTestId('open-shortcuts').click();
  await bob.page.getByTestId('shortcuts-help').waitFor();
  await check(bob.page, 'shortcuts mobile light');
  await shot(env, bob.page, 'a11y-shortcuts-mobile-light');
  await bob.page.keyboard.press('Escape');
  await bob.page.getByTestId('open-shortcuts').scrollIntoViewIfNeeded();
  await shot(env, bob.page, 'a11y-settings-keyboard-mobile-light');
  await setTheme(bob.page, 'dark');
  await bob.page.getByTestId('settings').waitFor();
  await bob.page.goto('/#/new');
  await bob.page.getByTestId('new-group').click();
  await bob.page.getByTestId('new-group-screen').waitFor();
  await check(bob.page, 'new group mobile dark');
  await bob.page.getByTestId('new-group-back').click();
  await bob.page.getByTestId('join-community').click();
  await bob.page.getByTestId('join-community-screen').waitFor();
  await check(bob.page, 'join community mobile dark');
  // A community room, posted in.
  const lobby = bob.page.locator('[data-testid=offered-room][data-room=lobby]');
  await lobby.waitFor({ timeout: 90_000 });
  await lobby.click();
  await bob.page.locator('[data-testid=chat-view][data-conv^="community:lobby@"]').waitFor({ timeout: 90_000 });
  await bob.page.getByTestId('composer-input').fill('Hello room');
  await bob.page.getByTestId('composer-input').press('Enter');
  await message(bob.page, 'Hello room').waitFor({ timeout: 90_000 });
  await bothThemes(bob, 'community room mobile', () => message(bob.page, 'Hello room').waitFor());
  // Search on a phone: the results in place of the list, a result opens the chat.
  for (const theme of ['dark', 'light']) {
    await setTheme(bob.page, theme);
    await bob.page.goto('/#/');
    await bob.page.getByTestId('search-input').fill('hello');
    // The lobby may hold earlier scenarios' posts too: both of ours must be among the results.
    await until('both results on the phone', async () => {
      const shown = await bob.page.getByTestId('search-snippet').allTextContents();
      return shown.includes('Hello room') && shown.includes('Hello Bob, typed without a mouse');
    });
    await check(bob.page, `search results mobile ${theme}`);
    await shot(env, bob.page, `search-results-mobile-${theme}`);
  }
  await bob.page.getByTestId('search-hit')
    .filter({ hasText: 'Hello Bob, typed without a mouse' }).click();
  await bob.page.locator('.msg-found').waitFor();
  await shot(env, bob.page, 'search-found-mobile-light');
  await setTheme(bob.page, 'dark');

  if (found.length) throw new Error(`${found.length} accessibility violations:\n  ${found.join('\n  ')}`);
  assertClean(alice);
  assertClean(bob);
}
