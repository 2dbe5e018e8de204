// A send interrupted by a reload (the store reached the network but its answer never came
// back) is delivered again from the outbox after the reload, and the receiver sees it once.
import {
  assertClean, createAccount, message, newUser, openChat, receive, send, waitSent,
} from '../lib/app.mjs';

export const name = 'a send interrupted by a reload is delivered exactly once';

const TEXT = 'Exactly once, please';

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob');
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await openChat(alice.page, b.id);
  await send(alice.page, 'warm-up');
  await waitSent(alice.page, 'warm-up');

  // From now on onion requests go out but their answers are swallowed.
  let forwarded = 0;
  await alice.page.route('**/relay/v1/onion/**', async (route) => {
    try {
      await route.fetch();
      forwarded += 1;
    } catch (_) { /* the page went away */ }
  });
  await send(alice.page, TEXT);
  await message(alice.page, TEXT).and(alice.page.locator('[data-status=sending]')).waitFor();
  const start = Date.now();
  while (forwarded < 1 && Date.now() - start < 30_000) await alice.page.waitForTimeout(200);
  await alice.page.waitForTimeout(3_000);
  await alice.page.unrouteAll({ behavior: 'ignoreErrors' });
  await alice.page.reload();

  await waitSent(alice.page, TEXT);
  await receive(bob.page, a.id, TEXT);
  // Give the pollers several rounds to show a duplicate, if there were one.
  await bob.page.waitForTimeout(8_000);
  await alice.page.waitForTimeout(1_000);
  const seenByBob = await message(bob.page, TEXT).count();
  const seenByAlice = await message(alice.page, TEXT).count();
  if (seenByBob !== 1 || seenByAlice !== 1) {
    throw new Error(`Bob sees it ${seenByBob} times, Alice ${seenByAlice} times (expected once)`);
  }
  const total = await bob.page.getByTestId('message').count();
  if (total !== 2) throw new Error(`Bob has ${total} messages, expected 2`);
  assertClean(bob);
  alice.problems = alice.problems.filter((p) => !/Failed to fetch|aborted/i.test(p));
  assertClean(alice);
}
