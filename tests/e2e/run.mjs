#!/usr/bin/env node
// Browser end-to-end tests of Session Web: real headless Chromium, the real relay and its
// embedded local network (and session-cli when given).
//
//   node tests/e2e/run.mjs --relay-bin PATH --dist DIR [--cli-bin PATH] [--only TEXT]
//                          [--screenshots DIR] [--chromium PATH]
//
// Prints one line per scenario and closes with `e2e: N passed, N failed[, N skipped]`; exits
// non-zero on any failure. Screenshots of every screen go to target/e2e-screenshots/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRelay } from './lib/relay.mjs';
import { describeUsers } from './lib/app.mjs';

import * as chat from './scenarios/chat.mjs';
import * as restore from './scenarios/restore.mjs';
import * as cli from './scenarios/cli.mjs';
import * as xss from './scenarios/xss.mjs';
import * as exactlyOnce from './scenarios/exactly_once.mjs';
import * as tabs from './scenarios/tabs.mjs';
import * as offline from './scenarios/offline.mjs';
import * as browserOffline from './scenarios/browser_offline.mjs';
import * as damagedAccount from './scenarios/damaged_account.mjs';
import * as notifications from './scenarios/notifications.mjs';
import * as multiDevice from './scenarios/multi_device.mjs';
import * as attachments from './scenarios/attachments.mjs';
import * as avatars from './scenarios/avatars.mjs';
import * as voice from './scenarios/voice.mjs';
import * as actions from './scenarios/actions.mjs';
import * as toolbox from './scenarios/toolbox.mjs';
import * as groups from './scenarios/groups.mjs';
import * as communities from './scenarios/communities.mjs';
import * as accessibility from './scenarios/accessibility.mjs';
import * as lock from './scenarios/lock.mjs';
import * as accounts from './scenarios/accounts.mjs';
import * as languages from './scenarios/languages.mjs';

const SCENARIOS = [chat, restore, multiDevice, cli, attachments, avatars, voice, actions, toolbox, groups, communities, xss, exactlyOnce, tabs, notifications, offline,
  browserOffline, damagedAccount, accessibility, lock, accounts, languages];
const SCENARIO_TIMEOUT_MS = 8 * 60_000;

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

function usage(msg) {
  console.error(`${msg}\nusage: node tests/e2e/run.mjs --relay-bin PATH --dist DIR [--cli-bin PATH] [--only TEXT]`);
  process.exit(2);
}

const { values: opts } = parseArgs({
  options: {
    'relay-bin': { type: 'string' },
    dist: { type: 'string' },
    'cli-bin': { type: 'string' },
    only: { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!opts['relay-bin']) usage('missing --relay-bin');
if (!opts.dist) usage('missing --dist');
const dist = resolve(opts.dist);
const indexHtml = join(dist, 'index.html');
if (!existsSync(indexHtml)) usage(`${indexHtml} does not exist: build the app first`);
// The relay's CSP forbids inline script: the build must have moved Trunk's loader out.
const inline = readFileSync(indexHtml, 'utf8').match(/<script\b(?![^>]*\bsrc=)[^>]*>/i);
if (inline) usage(`${indexHtml} has an inline ${inline[0]}: build with \`cargo xtask build-web\``);

const env = {
  relayBin: resolve(opts['relay-bin']),
  cliBin: opts['cli-bin'] ? resolve(opts['cli-bin']) : null,
  dist,
  chromium: opts.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium',
  shots: resolve(opts.screenshots ?? join(repo, 'target', 'e2e-screenshots')),
  log: opts.verbose ? (line) => console.error(line) : () => {},
  cleanup: [],
};

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

let passed = 0;
let failed = 0;
let skipped = 0;
const relay = await startRelay({ bin: env.relayBin, dist, log: env.log });
env.relay = relay;
console.log(`e2e: relay ${relay.url}, app ${dist}, screenshots ${env.shots}`);
try {
  for (const s of SCENARIOS) {
    if (opts.only && !s.name.includes(opts.only)) continue;
    if (s.needsCli && !env.cliBin) {
      skipped += 1;
      console.log(`skip - ${s.name} (no --cli-bin)`);
      continue;
    }
    const started = Date.now();
    env.cleanup = [];
    env.users = [];
    try {
      await withTimeout(s.run(env), SCENARIO_TIMEOUT_MS, s.name);
      passed += 1;
      console.log(`ok - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      const seen = await describeUsers(env).catch((err) => [`(browsers unreadable: ${err.message})`]);
      const report = [String(e && e.stack ? e.stack : e), ...seen];
      console.log(report.join('\n').split('\n').map((l) => `    ${l}`).join('\n'));
    } finally {
      for (const f of env.cleanup.reverse()) await f().catch(() => {});
    }
  }
} finally {
  await relay.dispose();
}
console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
