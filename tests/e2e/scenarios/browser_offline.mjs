// The browser itself goes offline (its own switch, not only the relay): a message written then
// fails, and once the connection is back it is sent by itself, exactly once, as the banner
// promises — from the polling tab and from a tab that does not poll. Nobody taps "retry".
import {
  assertClean, attach, createAccount, message, newUser, openChat, receive, send, shot, until,
  waitSent, NET_TIMEOUT,
} from '../lib/app.mjs';

export const name = 'a message written while the browser is offline is sent when it is back';

const FROM_POLLER = 'Written offline in the polling tab';
const FROM_OTHER = 'Written offline in the other tab';

/** The tab that polls: while nobody writes, only it sends onion requests. */
async function pollingTab(pages) {
  const counts = pages.map(() => 0);
  const listeners = pages.map((p, i) => {
    const f = (r) => { if (r.url().includes('/relay/v1/onion/')) counts[i] += 1; };
    p.on('request', f);
    return f;
  });
  await pages[0].waitForTimeout(8_000);
  pages.forEach((p, i) => p.off('request', listeners[i]));
  const busy = pages.filter((_, i) => counts[i] > 0);
  if (busy.length !== 1) throw new Error(`onion requests per tab while idle: ${counts}`);
  return busy[0];
}

/** Goes offline, writes `text` in `page`, and waits until the app gives the message up. */
async function failOffline(env, user, page, text, shotName) {
  await user.context.setOffline(true);
  await page.getByTestId('network-banner').waitFor({ timeout: NET_TIMEOUT });
  await send(page, text);
  await until(`“${text}” to fail while offline`, async () =>
    (await message(page, text).getAttribute('data-status')) === 'failed');
  if (shotName) await shot(env, page, shotName);
  await user.context.setOffline(false);
}

/** Bob sees `text` once, however many polls pass. */
async function seenOnce(bob, fromId, text) {
  await receive(bob.page, fromId, text);
  await bob.page.waitForTimeout(6_000);
  const n = await message(bob.page, text).count();
  if (n !== 1) throw new Error(`Bob sees “${text}” ${n} times (expected once)`);
}

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob');
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  const first = alice.page;
  await openChat(first, b.id);
  const second = await attach(alice, await alice.context.newPage());
  await second.goto(`/#/c/${b.id}`);
  await second.getByTestId('composer-input').waitFor();
  const poller = await pollingTab([first, second]);
  const other = poller === first ? second : first;

  // In the polling tab.
  await failOffline(env, alice, poller, FROM_POLLER, 'browser-offline-failed-desktop-dark');
  await poller.getByTestId('network-banner').waitFor({ state: 'detached', timeout: NET_TIMEOUT });
  await waitSent(poller, FROM_POLLER);
  await seenOnce(bob, a.id, FROM_POLLER);

  // In the tab that does not poll.
  await failOffline(env, alice, other, FROM_OTHER);
  await waitSent(other, FROM_OTHER);
  await waitSent(poller, FROM_OTHER);
  await seenOnce(bob, a.id, FROM_OTHER);

  for (const page of [poller, other]) {
    for (const text of [FROM_POLLER, FROM_OTHER]) {
      const n = await message(page, text).count();
      if (n !== 1) throw new Error(`Alice sees “${text}” ${n} times in a tab (expected once)`);
    }
  }
  // Requests made while the browser was offline fail; nothing else may go wrong.
  alice.problems = alice.problems.filter((p) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(p));
  assertClean(alice);
  assertClean(bob);
}
