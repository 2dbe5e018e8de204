// Two tabs of one account: one polls (Web Lock), both show the same messages; when the
// polling tab closes, the other takes over.
import {
  assertClean, attach, createAccount, message, newUser, openChat, receive, send, until, waitSent,
} from '../lib/app.mjs';

export const name = 'two tabs of one account poll once and show the same messages';

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob');
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  const tab1 = alice.page;
  const tab2 = await attach(alice, await alice.context.newPage());
  await tab2.goto('/');
  await tab2.getByTestId('new-conversation').waitFor();

  const pollers = () => tab2.evaluate(async () =>
    (await navigator.locks.query()).held.filter((l) => l.name.startsWith('session-web-poller-')).length);
  await until('one poller', async () => (await pollers()) === 1, 30_000);

  // Only one tab sends onion requests while nobody writes.
  const counts = [0, 0];
  [tab1, tab2].forEach((p, i) => p.on('request', (r) => {
    if (r.url().includes('/relay/v1/onion/')) counts[i] += 1;
  }));
  await tab1.waitForTimeout(8_000);
  if (!((counts[0] > 0) !== (counts[1] > 0))) {
    throw new Error(`onion requests per tab while idle: ${counts} (expected one tab only)`);
  }

  await openChat(bob.page, a.id);
  await send(bob.page, 'Seen in both tabs');
  await waitSent(bob.page, 'Seen in both tabs');
  await receive(tab1, b.id, 'Seen in both tabs');
  await receive(tab2, b.id, 'Seen in both tabs');

  // A message sent from one tab shows in the other.
  await send(tab2, 'Sent from tab 2');
  await waitSent(tab2, 'Sent from tab 2');
  await message(tab1, 'Sent from tab 2').waitFor();

  // The polling tab goes away; the other one polls from now on.
  const leader = counts[0] > 0 ? tab1 : tab2;
  const other = leader === tab1 ? tab2 : tab1;
  await leader.close();
  await until('the other tab to poll', async () => (await other.evaluate(async () =>
    (await navigator.locks.query()).held.filter((l) => l.name.startsWith('session-web-poller-')).length)) === 1, 30_000);
  await send(bob.page, 'After the first tab closed');
  await waitSent(bob.page, 'After the first tab closed');
  await message(other, 'After the first tab closed').waitFor({ timeout: 90_000 });
  const n = await message(other, 'Seen in both tabs').count();
  if (n !== 1) throw new Error(`the remaining tab shows a message ${n} times`);
  assertClean(alice);
  assertClean(bob);
}
