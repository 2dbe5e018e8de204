// A third browser restores an account from its recovery phrase (after a wrong word and a bad
// checksum are explained) and receives messages sent to it afterwards.
import {
  assertClean, createAccount, newUser, openChat, receive, send, shot, waitSent, MOBILE,
} from '../lib/app.mjs';

export const name = 'restore from the recovery phrase and receive';

export async function run(env) {
  const alice = await newUser(env, 'alice');
  const bob = await newUser(env, 'bob');
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');

  const carol = await newUser(env, 'alice-laptop', MOBILE);
  const page = carol.page;
  await page.goto('/');
  await page.getByTestId('restore-account').click();
  const words = a.phrase.split(' ');

  // An unknown word is named.
  const typo = [...words];
  typo[3] = 'xyzzyq';
  await page.getByTestId('restore-phrase').fill(typo.join(' '));
  await page.getByTestId('restore-continue').click();
  let msg = await page.getByTestId('restore-error').textContent();
  if (!msg.includes('xyzzyq')) throw new Error(`unknown word not named: ${msg}`);
  await shot(env, page, 'restore-error-mobile-dark');

  // A wrong checksum word is explained.
  const candidates = ['abbey', 'zodiac', 'yacht', 'gadget', 'jigsaw'];
  const pick = candidates.find((w) => !words.slice(0, 12).some((x) => x.slice(0, 3) === w.slice(0, 3)));
  const bad = [...words.slice(0, 12), pick];
  await page.getByTestId('restore-phrase').fill(bad.join(' '));
  await page.getByTestId('restore-continue').click();
  msg = await page.getByTestId('restore-error').textContent();
  if (!/wrong|order/.test(msg)) throw new Error(`checksum error not explained: ${msg}`);

  // Too few words.
  await page.getByTestId('restore-phrase').fill(words.slice(0, 12).join(' '));
  await page.getByTestId('restore-continue').click();
  msg = await page.getByTestId('restore-error').textContent();
  if (!/13 words/.test(msg)) throw new Error(`word count not explained: ${msg}`);

  // The right phrase (with extra spaces and capitals) restores the same Session ID.
  await page.getByTestId('restore-phrase').fill('  ' + words.map((w, i) => (i === 0 ? w.toUpperCase() : w)).join('   ') + ' ');
  await page.getByTestId('restore-continue').click();
  // No name is asked: the account's own arrives with its settings.
  await page.getByTestId('new-conversation').waitFor();
  await page.getByTestId('name-prompt').waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('open-settings').click();
  if (await page.getByTestId('settings-name').inputValue() !== 'Alice') {
    throw new Error('the restored account did not take its display name');
  }
  const id = (await page.getByTestId('my-session-id').textContent()).trim();
  if (id !== a.id) throw new Error(`restored ${id}, expected ${a.id}`);

  // Bob writes to Alice after the restore: both of Alice's browsers receive it.
  await openChat(bob.page, a.id);
  await send(bob.page, 'Message for both of your devices');
  await waitSent(bob.page, 'Message for both of your devices');
  await page.goto('/#/');
  await receive(page, b.id, 'Message for both of your devices');
  await shot(env, page, 'restored-chat-mobile-dark');
  await receive(alice.page, b.id, 'Message for both of your devices');

  assertClean(alice);
  assertClean(bob);
  assertClean(carol);
}
