// Message text is shown as text: markup in a message does nothing.
import {
  assertClean, createAccount, message, newUser, openChat, receive, send, shot, waitSent,
} from '../lib/app.mjs';

export const name = 'markup in a message is shown as text and runs nothing';

const EVIL = '<img src=x onerror=alert(1)>';
const EVIL2 = '<script>alert(2)</script><b>bold?</b>';

export async function run(env) {
  const mallory = await newUser(env, 'mallory');
  const victim = await newUser(env, 'victim');
  const m = await createAccount(env, mallory, '<img src=x onerror=alert(3)>');
  const v = await createAccount(env, victim, 'Victim');
  await openChat(mallory.page, v.id);
  await send(mallory.page, EVIL);
  await waitSent(mallory.page, EVIL);
  await send(mallory.page, EVIL2);
  await waitSent(mallory.page, EVIL2);

  await receive(victim.page, m.id, EVIL);
  await message(victim.page, EVIL2).waitFor();
  const shown = await message(victim.page, EVIL).getByTestId('message-text').textContent();
  if (shown !== EVIL) throw new Error(`text changed: ${shown}`);
  const injected = await victim.page.locator(
    '[data-testid=messages] img, [data-testid=messages] script, [data-testid=messages] b, ' +
    '[data-testid=conversation-list] img').count();
  if (injected) throw new Error(`${injected} injected elements in the page`);
  const title = await victim.page.getByTestId('chat-title').textContent();
  if (title !== '<img src=x onerror=alert(3)>') throw new Error(`name shown as ${title}`);
  await victim.page.waitForTimeout(1_000);
  await shot(env, victim.page, 'chat-markup-as-text-desktop-dark');
  assertClean(mallory);
  assertClean(victim); // a dialog (alert) would be recorded here
}
