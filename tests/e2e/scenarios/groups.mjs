// Groups v2 between three browsers and session-cli: Alice makes a group from the new
// conversation screen (pasting Bob's, Carol's and the CLI's Session IDs, an invalid one named as
// such first); Bob and Carol find the invitation among their requests and accept, the CLI joins
// from it; messages go both ways with their authors' names (the CLI's too); Alice removes Carol (whose chat says so, and who never sees what follows),
// makes Bob an admin (his panel gets the admin controls), Bob renames the group (Alice's
// header follows) and leaves (Alice's members list follows); the add-members form checks what
// is pasted. Screenshots of every group screen, desktop and phone, light and dark.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../lib/cli.mjs';
import {
  assertClean, createAccount, DESKTOP, listEntry, message, MOBILE, NET_TIMEOUT, newUser, openChat,
  send, shot, until, waitSent,
} from '../lib/app.mjs';

export const name = 'groups: create, invite, accept, write, remove, promote, rename, leave (three browsers and the CLI)';
export const needsCli = true;

/** Runs `receive --events` for the CLI profile until what it printed satisfies `done`. */
async function cliUntil(env, profile, what, done) {
  const seen = [];
  await until(what, async () => {
    seen.push(...await cli(env.cliBin, env.relay.url, profile, 'receive', '--events'));
    return done(seen);
  });
  return seen;
}

/** Shots of `page` as it is in both themes (the system scheme changes, nothing reloads). */
async function themes(env, page, label) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(env, page, `${label}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

/** Shots of `page` at desktop and phone widths, in both themes; its own size comes back. */
async function everywhere(env, page, label) {
  const own = page.viewportSize();
  for (const [width, size] of [['desktop', DESKTOP], ['phone', MOBILE]]) {
    await page.setViewportSize(size);
    await themes(env, page, `${label}-${width}`);
  }
  await page.setViewportSize(own);
}

/** The text of the element `locator` finds, or '' while there is none. */
async function textOf(locator) {
  return ((await locator.first().textContent({ timeout: 1_000 }).catch(() => '')) || '').trim();
}

/** Fails if the message `text` shows on `page` at any time during the next `ms`. */
async function neverShows(page, text, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await message(page, text).count()) throw new Error(`"${text}" reached a removed member`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The member row of `id` in the open group panel of `page`. */
function memberRow(page, id) {
  return page.getByTestId('group-panel').locator(`[data-testid=member][data-id="${id}"]`);
}

/** Opens the group panel of the open chat. */
async function openPanel(page) {
  if (!(await page.getByTestId('group-panel').count())) await page.getByTestId('group-header').click();
  await page.getByTestId('group-panel').waitFor();
}

/** Closes the group panel of the open chat. */
async function closePanel(page) {
  await page.getByTestId('group-panel-close').click();
  await page.getByTestId('group-panel').waitFor({ state: 'detached' });
}

/** Finds the invitation to `gid` among the requests of `user`, opens and accepts it. */
async function accept(env, user, gid, label) {
  const { page } = user;
  const item = await listEntry(page, gid);
  if (label) await everywhere(env, page, `${label}-requests`);
  await item.click();
  await page.getByTestId('group-request-bar').waitFor();
  await until(`${user.name} to see the invitation's words`, async () =>
    /invited you to join Book club\./.test(await textOf(page.getByTestId('group-invitation'))));
  await until(`${user.name} to see who invited them`, async () =>
    (await textOf(page.getByTestId('group-invitation'))).startsWith('Alice invited you'));
  if (label) await everywhere(env, page, `${label}-invitation`);
  await page.getByTestId('group-accept').click();
  await page.getByTestId('group-request-bar').waitFor({ state: 'detached', timeout: NET_TIMEOUT });
  await page.getByTestId('composer-input').waitFor();
}

export async function run(env) {
  const profile = await mkdtemp(join(tmpdir(), 'session-e2e-groups-'));
  env.cleanup.push(() => rm(profile, { recursive: true, force: true }));
  await cli(env.cliBin, env.relay.url, profile, 'init', '--name', 'Terminal');
  const { session_id: cliId } = await cli(env.cliBin, env.relay.url, profile, 'whoami');
  const alice = await newUser(env, 'groups-alice', DESKTOP);
  const bob = await newUser(env, 'groups-bob', MOBILE);
  const carol = await newUser(env, 'groups-carol', DESKTOP);
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  const c = await createAccount(env, carol, 'Carol');

  // Alice wrote to Bob: he is one of her contacts, offered in the picker.
  await openChat(alice.page, b.id);
  await send(alice.page, 'Hi Bob');
  await waitSent(alice.page, 'Hi Bob');

  // The new conversation screen offers a new group; its form asks for a name first.
  await alice.page.getByTestId('new-conversation').click();
  await alice.page.getByTestId('new-group').waitFor();
  await everywhere(env, alice.page, 'groups-new-conversation');
  await alice.page.getByTestId('new-group').click();
  await alice.page.getByTestId('create-group').waitFor();
  await alice.page.locator(`[data-testid=contact-option][data-id="${b.id}"]`).waitFor();
  await everywhere(env, alice.page, 'groups-new-group');
  await alice.page.getByTestId('create-group').click();
  await until('the missing name to be said', async () =>
    (await textOf(alice.page.getByTestId('group-error'))) === 'Enter a group name.');

  // Bob ticked among the contacts, both IDs pasted with a mistake, which is named.
  await alice.page.getByTestId('group-name').fill('Book club');
  await alice.page.getByTestId('group-description').fill('One book a month, and snacks.');
  await alice.page.locator(`[data-testid=contact-option][data-id="${b.id}"] input`).check();
  await alice.page.getByTestId('group-member-ids').fill(`${b.id}\n${c.id}\n${cliId}\nnot-a-session-id`);
  await until('the invalid ID to be named', async () =>
    (await textOf(alice.page.getByTestId('invalid-id'))).startsWith('not-a-session-id'));
  await until('four members counted', async () =>
    (await textOf(alice.page.getByTestId('member-count'))) === '4 of 100 members');
  // Once tried, the form says what stops it as it changes (and Create waits for a fix).
  await until('the invalid entry to stop the form', async () =>
    /not a Session ID/.test(await textOf(alice.page.getByTestId('group-error'))));
  await everywhere(env, alice.page, 'groups-new-group-invalid');
  await alice.page.getByTestId('group-member-ids').fill(`${b.id}\n${c.id}\n${cliId}`);
  await alice.page.getByTestId('invalid-ids').waitFor({ state: 'detached' });
  await alice.page.getByTestId('create-group').click();

  // The group's chat opens: its name, three members, the notices.
  const chat = alice.page.locator('[data-testid=chat-view][data-conv^="03"]');
  await chat.waitFor({ timeout: NET_TIMEOUT });
  const gid = await chat.getAttribute('data-conv');
  await until('the group name in the header', async () =>
    (await textOf(alice.page.getByTestId('chat-title'))) === 'Book club');
  await until('"4 members" in the header', async () =>
    (await textOf(alice.page.getByTestId('group-members'))) === '4 members');
  await until('the creation notice', async () =>
    (await textOf(alice.page.locator('[data-testid=group-notice][data-kind=created]')))
      === 'You created the group.');

  // Bob (phone) and Carol find the invitation among their requests and accept it.
  await accept(env, bob, gid, 'groups-bob');
  await accept(env, carol, gid, null);

  // The CLI joins from its invitation.
  const invited = await cliUntil(env, profile, 'the CLI to get the invitation', (all) =>
    all.some((v) => v.kind === 'group-invite' && v.group === gid));
  if (invited.find((v) => v.kind === 'group-invite').name !== 'Book club') {
    throw new Error(`the CLI saw the wrong group name: ${JSON.stringify(invited)}`);
  }

  // Alice writes to the group: Bob, Carol and the CLI read it under her name; Bob answers.
  await send(alice.page, 'Welcome to the club');
  await waitSent(alice.page, 'Welcome to the club');
  for (const user of [bob, carol]) {
    await message(user.page, 'Welcome to the club').waitFor({ timeout: NET_TIMEOUT });
    await until(`${user.name} to see Alice's name above her message`, async () =>
      (await textOf(message(user.page, 'Welcome to the club').getByTestId('msg-author'))) === 'Alice');
  }
  await cliUntil(env, profile, 'the CLI to read Alice\'s message', (all) =>
    all.some((v) => v.kind === 'message' && v.to === gid && v.direction === 'group'
      && v.text === 'Welcome to the club' && v.from === a.id));
  await send(bob.page, 'Count me in');
  await waitSent(bob.page, 'Count me in');
  await message(alice.page, 'Count me in').waitFor({ timeout: NET_TIMEOUT });
  // The admin learns a member's name from their messages; the member list tells the others.
  await until('Bob\'s name above his message', async () =>
    (await textOf(message(alice.page, 'Count me in').getByTestId('msg-author'))) === 'Bob');
  const fromCli = await cli(env.cliBin, env.relay.url, profile, 'send', gid, 'Hello from the terminal');
  if (fromCli.group !== gid) throw new Error(`the CLI did not write to the group: ${JSON.stringify(fromCli)}`);
  await message(alice.page, 'Hello from the terminal').waitFor({ timeout: NET_TIMEOUT });
  await message(bob.page, 'Hello from the terminal').waitFor({ timeout: NET_TIMEOUT });
  await until('the CLI\'s name above its message', async () =>
    (await textOf(message(alice.page, 'Hello from the terminal').getByTestId('msg-author'))) === 'Terminal');
  await everywhere(env, alice.page, 'groups-chat');
  await everywhere(env, bob.page, 'groups-chat-member');

  // The lists show the group with its avatar.
  await bob.page.getByTestId('chat-back').click();
  const bobsItem = bob.page.locator(`[data-testid=conversation-item][data-conv="${gid}"]`);
  await bobsItem.getByTestId('group-avatar').waitFor();
  await everywhere(env, bob.page, 'groups-list');
  await bobsItem.click();

  // Alice's panel: three members, admin controls; she removes Carol.
  await openPanel(alice.page);
  await until('four members in the panel', async () =>
    (await alice.page.getByTestId('group-panel').getByTestId('member').count()) === 4);
  await alice.page.getByTestId('group-edit').waitFor();
  await everywhere(env, alice.page, 'groups-panel-admin');
  await memberRow(alice.page, c.id).getByTestId('member-remove').click();
  await alice.page.getByTestId('member-remove-dialog').waitFor();
  await everywhere(env, alice.page, 'groups-remove-confirm');
  await alice.page.getByTestId('member-remove-dialog-confirm').click();
  await until('Carol to leave Alice\'s members list', async () =>
    (await memberRow(alice.page, c.id).count()) === 0);
  await closePanel(alice.page);

  // Carol's chat says she was removed, in place of the composer.
  await carol.page.getByTestId('group-ended').waitFor({ timeout: NET_TIMEOUT });
  await until('Carol\'s chat to say she was removed', async () =>
    /You were removed from this group/.test(await textOf(carol.page.getByTestId('group-ended'))));
  await until('the removal notice in Carol\'s chat', async () =>
    (await carol.page.locator('[data-testid=group-notice][data-kind=kicked]').count()) > 0);
  if (await carol.page.getByTestId('composer-input').count()) throw new Error('Carol can still write');
  await everywhere(env, carol.page, 'groups-removed');

  // What Alice writes now reaches Bob, never Carol.
  await send(alice.page, 'Just the two of us now');
  await waitSent(alice.page, 'Just the two of us now');
  await message(bob.page, 'Just the two of us now').waitFor({ timeout: NET_TIMEOUT });
  await neverShows(carol.page, 'Just the two of us now', 10_000);

  // Alice makes Bob an admin: his panel gets the admin controls.
  await openPanel(alice.page);
  await memberRow(alice.page, b.id).getByTestId('member-promote').click();
  await until('Bob to show as an admin to Alice', async () =>
    /^Admin/.test(await textOf(memberRow(alice.page, b.id).getByTestId('member-role'))));
  await closePanel(alice.page);
  await openPanel(bob.page);
  await bob.page.getByTestId('group-edit').waitFor({ timeout: NET_TIMEOUT });
  await bob.page.getByTestId('group-add').waitFor();
  await everywhere(env, bob.page, 'groups-panel-promoted');

  // Bob renames the group: Alice's header follows.
  await bob.page.getByTestId('group-edit').click();
  await bob.page.getByTestId('group-edit-name').fill('Book club 2');
  await everywhere(env, bob.page, 'groups-edit');
  await bob.page.getByTestId('group-save').click();
  await bob.page.getByTestId('group-info-form').waitFor({ state: 'detached', timeout: NET_TIMEOUT });
  await until('Bob\'s panel to show the new name', async () =>
    (await textOf(bob.page.getByTestId('group-panel-name'))) === 'Book club 2');
  await until('Alice\'s header to show the new name', async () =>
    (await textOf(alice.page.getByTestId('chat-title'))) === 'Book club 2');
  await until('the rename notice in Alice\'s chat', async () =>
    (await textOf(alice.page.locator('[data-testid=group-notice][data-kind=renamed]')))
      === 'Bob renamed the group to Book club 2.');
  // The CLI sees the new name too.
  await until('the CLI to see the new name', async () => {
    const { groups } = await cli(env.cliBin, env.relay.url, profile, 'group', 'list');
    return groups.some((g) => g.group === gid && g.name === 'Book club 2');
  });

  // Bob leaves: Alice's members list no longer has him.
  await bob.page.getByTestId('group-leave').click();
  await bob.page.getByTestId('group-leave-dialog').waitFor();
  await everywhere(env, bob.page, 'groups-leave-confirm');
  await bob.page.getByTestId('group-leave-dialog-confirm').click();
  await bob.page.getByTestId('group-panel').waitFor({ state: 'detached', timeout: NET_TIMEOUT });
  await until('the group to leave Bob\'s list', async () => (await bobsItem.count()) === 0);
  await openPanel(alice.page);
  await until('Bob to leave Alice\'s members list', async () =>
    (await memberRow(alice.page, b.id).count()) === 0);
  await until('Alice and the CLI left in her group', async () =>
    (await textOf(alice.page.getByTestId('group-panel-count'))) === '2 members');
  await everywhere(env, alice.page, 'groups-panel-alone');

  // Adding members uses the same picker: Bob is offered again, a bad ID is named.
  await alice.page.getByTestId('group-add').click();
  await alice.page.getByTestId('group-add-form').waitFor();
  await alice.page.getByTestId('group-panel')
    .locator(`[data-testid=contact-option][data-id="${b.id}"]`).waitFor();
  await alice.page.getByTestId('group-panel').getByTestId('group-member-ids').fill('05abc');
  await until('the bad ID to be named in the add form', async () =>
    /66 characters/.test(await textOf(alice.page.getByTestId('group-panel').getByTestId('invalid-id'))));
  await everywhere(env, alice.page, 'groups-add-members');
  await alice.page.getByTestId('group-add-form').getByRole('button', { name: 'Cancel' }).click();
  await alice.page.getByTestId('group-add-form').waitFor({ state: 'detached' });
  await closePanel(alice.page);

  for (const user of [alice, bob, carol]) assertClean(user);
}
