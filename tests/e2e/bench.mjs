#!/usr/bin/env node
// `cargo xtask bench`, browser part. One run measures the release build in headless Chromium
// against the real relay and its local network, merges the native figures and writes that run's
// raw figures as JSON; xtask runs it --runs times and writes bench.json with each figure's
// median and spread over the runs; `--report` then judges the goals on the medians, adds them
// to bench.json and prints the table. It reports; it never fails on a figure.
//
//   node tests/e2e/bench.mjs --relay-bin PATH --site DIR --native FILE --out FILE [--only PARTS]
//                            [--quick]
//   node tests/e2e/bench.mjs --report BENCH_JSON
//
// PARTS (comma-separated, for working on one figure) limits the run to those of PART_NAMES.
// --quick: smaller workloads (see `size` below), for development; not a measurement.
// DIR is the app's dist/ plus the bench page in DIR/bench/ (same origin, so the bench page can
// fill the IndexedDB the app then opens).
import { readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';
import { startRelay } from './lib/relay.mjs';
import { newUser, createAccount, openChat, send, receive } from './lib/app.mjs';

const { values: opts } = parseArgs({
  options: {
    'relay-bin': { type: 'string' },
    site: { type: 'string' },
    native: { type: 'string' },
    out: { type: 'string' },
    chromium: { type: 'string' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    report: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
for (const k of opts.report ? [] : ['relay-bin', 'site', 'out']) {
  if (!opts[k]) {
    console.error(`missing --${k}\nusage: node tests/e2e/bench.mjs --relay-bin PATH --site DIR --native FILE --out FILE`);
    process.exit(2);
  }
}
const site = opts.site ? resolve(opts.site) : null;
const PART_NAMES = ['bundle', 'crypto', 'merges', 'attachment', 'transfer', 'backlog', 'groups',
  'cold', 'accounts', 'scale', 'communities', 'search', 'i18n', 'lock', 'latency'];
const only = opts.only ? new Set(opts.only.split(',').map((p) => p.trim()).filter(Boolean)) : null;
for (const p of only ?? []) {
  if (!PART_NAMES.includes(p)) {
    console.error(`unknown part ${p} (parts: ${PART_NAMES.join(', ')})`);
    process.exit(2);
  }
}
/** Whether this run measures `part`. */
const want = (part) => !only || only.has(part);

// --report reads bench.json, whose `quick` says which workload sizes the labels name.
const reported = opts.report ? JSON.parse(readFileSync(opts.report, 'utf8')) : null;
const quickSizes = opts.quick || reported?.quick === true;
/** A workload size: `full` for the bench, `quick` for --quick. */
const size = (full, quick) => (quickSizes ? quick : full);

// `_new_key` / `_new_sender`: the same, with the core's memo of parsed keys emptied before each
// call (a sender met for the first time); libsodium has no such memo and does the same work.
const CRYPTO_OPS = ['ed25519_sign', 'ed25519_verify', 'ed25519_verify_new_key', 'x25519', 'seal_1k',
  'open_1k', 'open_1k_new_sender', 'onion_build', 'xchacha20_1k'];
// Each crypto figure: the median of this many samples of about this many ms.
const CRYPTO_SAMPLES = size(5, 3);
const CRYPTO_SAMPLE_MS = size(100, 20);
// Config merges (core/src/config/bench.rs builds the inputs), timed as session-cli debug bench
// times them natively: at least 5 runs and about 1 s each, the median.
const MERGES = ['config_merge_2000_contacts', 'config_merge_10x500'];
const MERGE_GOAL_MS = 250;
const MERGE_BUDGET_MS = size(1000, 200);
// A 10,000,000-byte attachment (legacy scheme) through WebCrypto and through wasm, the median
// of this many runs, as session-cli debug bench times it natively.
const ATTACHMENT_RUNS = size(5, 2);
const BACKLOG = size(5000, 1000);
const BACKLOG_BATCH = 1000;
// Issue #17's goals: incoming 1:1 messages decrypted, verified and stored; a usable list after
// a cold start with 10,000 and with 100,000 stored messages.
const BACKLOG_GOAL_PER_S = 5000;
const COLD_GOAL_MS = 150;
const SCALE_COLD_GOAL_MS = 300;
// The password lock: this many messages received plain, sealed, then received sealed.
const LOCK_MESSAGES = size(5000, 1000);
const REACTIONS = size(5000, 1000);
const GROUP_MEMBERS = 100;
const GROUP_REKEYS = size(5, 2);
const GROUP_MESSAGES = size(1000, 200);
// Search: an index of this many messages built in the bench page, then queries of six kinds
// (app/src/bench.rs `bench_search`).
const SEARCH_MESSAGES = size(100_000, 10_000);
const SEARCH_GOAL_MS = 30;
const COLD_MESSAGES = size(10000, 2000);
const COLD_CONVERSATIONS = 20;
const COLD_RUNS = size(3, 2);
// The scale run: a long-used account.
const SCALE_MESSAGES = size(100000, 10000);
const SCALE_CONVERSATIONS = size(200, 50);
const LATENCY_MESSAGES = size(50, 10);
// Communities: a room of this many posts (the newest few unread), opened this many times in
// the bench page (the median), then in the app for its memory; then polls each bringing this
// many new posts signed by this many members (the median of the runs).
const ROOM_POSTS = size(10000, 2000);
const ROOM_UNREAD = 20;
const ROOM_OPEN_RUNS = size(7, 3);
const ROOM_POLL_POSTS = size(500, 100);
const ROOM_POLL_AUTHORS = 5;
const ROOM_POLL_RUNS = size(5, 2);
const MEMORY_GOAL_MB = 60;
const LIST_READY = '[data-testid=conversation-item], .list-empty';

const env = {
  chromium: opts.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium',
  log: opts.verbose ? (line) => console.error(line) : () => {},
  cleanup: [],
};
const say = (line) => console.error(`bench: ${line}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Brotli (quality 11) size of a file of the site. */
function brotliSize(path) {
  const data = readFileSync(path);
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;
}

/** Records, in every page of a context, when the conversation list is first usable and the
 *  app's wasm instance (for its memory). */
async function instrument(context) {
  await context.addInitScript((selector) => {
    const check = () => {
      if (window.__listReadyAt === undefined && document.querySelector(selector)) {
        window.__listReadyAt = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  }, LIST_READY);
}

// ---- first load ------------------------------------------------------------------------

async function bundle() {
  const user = await newUser(env, 'bench-bundle');
  const paths = new Set();
  user.context.on('requestfinished', (req) => {
    const url = new URL(req.url());
    if (url.origin === env.relay.url) paths.add(url.pathname);
  });
  await user.page.goto('/');
  await user.page.getByTestId('create-account').waitFor();
  // The service worker's install (it keeps the app shell) belongs to the first load too.
  await user.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active;
  });
  await user.page.waitForTimeout(1000);
  // The manifest and favicon count even if headless Chromium skips them (a desktop browser
  // fetches both); the apple-touch-icon is for iOS only.
  const html = readFileSync(join(site, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = m[0].match(/\brel="?([^"\s>]+)/)?.[1];
    const href = m[0].match(/\bhref="?(\/[^"\s>]*)/)?.[1];
    if (href && (rel === 'manifest' || rel === 'icon')) paths.add(href);
  }
  const files = {};
  let total = 0;
  for (const p of [...paths].sort()) {
    if (p.startsWith('/relay/')) continue;
    const name = p === '/' ? 'index.html' : p.slice(1);
    const file = join(site, name);
    if (!existsSync(file)) continue;
    files[name] = brotliSize(file);
    total += files[name];
  }
  await user.close();
  return { total_brotli_bytes: total, files };
}

// ---- bench page: crypto, backlog, filling storage ----------------------------------------

async function openBenchPage(user) {
  const page = user.page;
  await page.goto('/bench/index.html');
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 60_000 });
  await page.evaluate(async () => {
    const m = await import('/bench/libsodium-wrappers.mjs');
    const sodium = m.default ?? m;
    await sodium.ready;
    window.sodium = sodium;
  });
  return page;
}

async function cryptoTimes(page) {
  return page.evaluate(async ([ops, sampleMs, sampleCount]) => {
    const w = window.wasmBindings;
    const s = window.sodium;
    const ours = new w.CryptoBench();
    const k = ours.keys();
    const edSk = s.from_hex(k.ed_sk);
    const edPk = s.from_hex(k.ed_pk);
    const xSk = s.from_hex(k.x_sk);
    const bobXPk = s.from_hex(k.bob_x_pk);
    const bobXSk = s.from_hex(k.bob_x_sk);
    const msg64 = Uint8Array.from({ length: 64 }, (_, i) => i);
    const msg1k = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 255);
    const sig = s.crypto_sign_detached(msg64, edSk);
    const layerKey = s.randombytes_buf(32);
    const concat = (...parts) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { out.set(p, at); at += p.length; }
      return out;
    };
    // Session's 1:1 encryption: sign M ‖ A ‖ Y, seal M ‖ A ‖ SIG to Y (messaging.md §2).
    const seal = () => {
      const sg = s.crypto_sign_detached(concat(msg1k, edPk, bobXPk), edSk);
      return s.crypto_box_seal(concat(msg1k, edPk, sg), bobXPk);
    };
    const sealed = seal();
    const open = () => {
      const inner = s.crypto_box_seal_open(sealed, bobXPk, bobXSk);
      const n = inner.length - 96;
      const a = inner.subarray(n, n + 32);
      const ok = s.crypto_sign_verify_detached(inner.subarray(n + 32), concat(inner.subarray(0, n), a, bobXPk), a);
      if (!ok) throw new Error('libsodium: bad signature');
      return s.crypto_sign_ed25519_pk_to_curve25519(a).length + n;
    };
    // An onion request as network.md §4.4 builds it, xchacha20 suite, 3 hops to a node.
    const enc = new TextEncoder();
    const nodes = Array.from({ length: 4 }, () => ({
      ed: s.crypto_sign_keypair().publicKey, x: s.crypto_box_keypair().publicKey }));
    const combined = (blob, json) => {
      const len = new Uint8Array(4);
      new DataView(len.buffer).setUint32(0, blob.length, true);
      return concat(len, blob, enc.encode(JSON.stringify(json)));
    };
    const layer = (plain, nodeX) => {
      const eph = s.crypto_box_keypair();
      const shared = s.crypto_scalarmult(eph.privateKey, nodeX);
      const key = s.crypto_generichash(32, concat(shared, eph.publicKey, nodeX));
      const nonce = s.randombytes_buf(24);
      const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, null, null, nonce, key);
      return { blob: concat(nonce, ct), eph: s.to_hex(eph.publicKey) };
    };
    const onion = () => {
      const dest = nodes[3];
      let { blob, eph } = layer(combined(msg1k, { headers: '' }), dest.x);
      let route = { destination: s.to_hex(dest.ed), ephemeral_key: eph, enc_type: 'xchacha20' };
      for (const hop of nodes.slice(0, 3).reverse()) {
        ({ blob, eph } = layer(combined(blob, route), hop.x));
        route = { destination: s.to_hex(hop.ed), ephemeral_key: eph, enc_type: 'xchacha20' };
      }
      return combined(blob, { ephemeral_key: eph, enc_type: 'xchacha20' }).length;
    };
    const sodiumOps = {
      ed25519_sign: () => s.crypto_sign_detached(msg64, edSk),
      ed25519_verify: () => {
        if (!s.crypto_sign_verify_detached(sig, msg64, edPk)) throw new Error('libsodium: verify');
      },
      ed25519_verify_new_key: () => {
        if (!s.crypto_sign_verify_detached(sig, msg64, edPk)) throw new Error('libsodium: verify');
      },
      x25519: () => s.crypto_scalarmult(xSk, bobXPk),
      seal_1k: seal,
      open_1k: open,
      open_1k_new_sender: open,
      onion_build: onion,
      xchacha20_1k: () => {
        const nonce = s.randombytes_buf(24);
        return s.crypto_aead_xchacha20poly1305_ietf_encrypt(msg1k, null, null, nonce, layerKey);
      },
    };
    // Microseconds per call: calibrate to ~sampleMs a sample, median of sampleCount samples.
    const time = (batch) => {
      let n = 1;
      for (;;) {
        const t0 = performance.now();
        batch(n);
        const dt = performance.now() - t0;
        if (dt >= sampleMs * 0.4) { n = Math.max(1, Math.ceil((n * sampleMs) / dt)); break; }
        n *= 2;
      }
      const samples = [];
      for (let r = 0; r < sampleCount; r++) {
        const t0 = performance.now();
        batch(n);
        samples.push(((performance.now() - t0) * 1000) / n);
      }
      samples.sort((a, b) => a - b);
      return samples[(sampleCount - 1) >> 1];
    };
    const out = {};
    for (const op of ops) {
      const ours_us = time((n) => ours.run(op, n));
      const f = sodiumOps[op];
      const libsodium_us = time((n) => { for (let i = 0; i < n; i++) f(); });
      out[op] = { ours_us, libsodium_us };
    }
    ours.free();
    return out;
  }, [CRYPTO_OPS, CRYPTO_SAMPLE_MS, CRYPTO_SAMPLES]);
}

/** Milliseconds of each config merge in the page: a fresh copy of the merging device is made
 *  untimed before each run, only the merge is timed. */
async function mergeTimes(page) {
  return page.evaluate(async ([names, budgetMs]) => {
    const w = window.wasmBindings;
    const out = {};
    for (const name of names) {
      const b = new w.MergeBench(name);
      const runs = [];
      const t = performance.now();
      while (runs.length < 5 || (performance.now() - t < budgetMs && runs.length < 200)) {
        b.prepare();
        const t0 = performance.now();
        const read = b.merge();
        runs.push(performance.now() - t0);
        if (runs.length === 1 && (read === 0 || !b.check())) {
          throw new Error(`${name}: the merge did not end with the expected config`);
        }
      }
      const s = [...runs].sort((x, y) => x - y);
      const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      out[name] = { ms: mid, runs: runs.length, messages: b.messages(), contacts: b.contacts() };
      b.free();
    }
    return out;
  }, [MERGES, MERGE_BUDGET_MS]);
}

// ---- the app: cold start and memory ------------------------------------------------------

/** Opens the app in a new tab; ms from navigation to a usable conversation list. */
async function loadApp(user) {
  const page = await user.context.newPage();
  await page.goto('/');
  await page.waitForFunction(() => window.__listReadyAt !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.__listReadyAt);
  return { page, ms };
}

async function coldStart(user, benchPage, count, conversations = COLD_CONVERSATIONS) {
  const t0 = Date.now();
  const largest = await benchPage.evaluate(
    ([c, k]) => window.wasmBindings.bench_fill(c, k), [count, conversations]);
  const fillMs = Date.now() - t0;
  const runs = [];
  let last = null;
  for (let i = 0; i < COLD_RUNS; i++) {
    if (last) await last.close();
    const { page, ms } = await loadApp(user);
    runs.push(ms);
    last = page;
  }
  return { ms: median(runs), runs, page: last, largest, fillMs };
}

/** Clicks conversation `conv` in the app's list: ms from the click to its first message in
 *  the DOM, timed in the page. */
async function openInApp(page, conv) {
  return page.evaluate((c) => new Promise((done, fail) => {
    const item = document.querySelector(
      `[data-testid=conversation-item][data-conv="${CSS.escape(c)}"]`);
    if (!item) { fail(new Error(`${c} is not in the list`)); return; }
    let observer = null;
    const timer = setTimeout(() => { observer?.disconnect(); fail(new Error(`${c} did not open`)); },
      60_000);
    const t0 = performance.now();
    const check = () => {
      if (!document.querySelector('[data-testid=message]')) return;
      observer.disconnect();
      clearTimeout(timer);
      done(performance.now() - t0);
    };
    observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true });
    item.click();
    check();
  }), conv);
}

/** The page's memory with `conv` open (clicked open here unless `opened`). */
async function memory(page, conv, opened = false) {
  if (!opened) await page.locator(`[data-testid=conversation-item][data-conv="${conv}"]`).click();
  await page.locator('[data-testid=message]').first().waitFor();
  await page.waitForTimeout(1500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? 0);
  const shown = await page.locator('[data-testid=message]').count();
  await cdp.detach();
  return { js_heap_mb: usedSize / 2 ** 20, wasm_mb: wasm / 2 ** 20, messages_shown: shown };
}

// ---- several accounts ----------------------------------------------------------------------

/** The open account holds COLD_MESSAGES messages and another one as many, polled in the
 *  background: the list's cold start (the median of COLD_RUNS loads), when the other account
 *  is polled too (its session started, its list loaded: the app's performance mark), and the
 *  memory with the largest conversation open. */
async function accounts(user, benchPage, results) {
  const largest = await benchPage.evaluate(
    ([c, k]) => window.wasmBindings.bench_fill(c, k), [COLD_MESSAGES, COLD_CONVERSATIONS]);
  const other = await benchPage.evaluate(
    ([c, k]) => window.wasmBindings.bench_fill_other(c, k), [COLD_MESSAGES, COLD_CONVERSATIONS]);
  const mark = 'session-web:background-ready';
  try {
    const cold = [];
    const ready = [];
    let last = null;
    for (let i = 0; i < COLD_RUNS; i++) {
      if (last) await last.close();
      const { page, ms } = await loadApp(user);
      await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark,
        { timeout: 120_000 });
      ready.push(await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, mark));
      cold.push(ms);
      last = page;
    }
    const mem = await memory(last, largest);
    await last.close();
    results.accounts = {
      cold_start_ms: round(median(cold)),
      background_ready_ms: round(median(ready)),
      memory_mb: round(mem.js_heap_mb + mem.wasm_mb),
      runs: { cold_start_ms: cold.map((x) => round(x)), background_ready_ms: ready.map((x) => round(x)) },
    };
  } catch (e) {
    say(`accounts figures failed: ${e.message ?? e}`);
    results.accounts = { error: String(e.message ?? e) };
  } finally {
    await benchPage.evaluate((n) => window.wasmBindings.bench_forget_other(n), other);
  }
}

// ---- communities ---------------------------------------------------------------------------

/** A room of ROOM_POSTS posts: its first screen timed in the bench page (the median of
 *  ROOM_OPEN_RUNS), opened in the app for its memory; then ROOM_POLL_RUNS polls of
 *  ROOM_POLL_POSTS new posts onto it. */
async function communities(user, benchPage, results) {
  say(`communities: a room of ${ROOM_POSTS} posts`);
  const t0 = Date.now();
  const conv = await benchPage.evaluate(([n, u]) => window.wasmBindings.bench_room_fill(n, u),
    [ROOM_POSTS, ROOM_UNREAD]);
  const fillMs = Date.now() - t0;
  const open = await benchPage.evaluate(([c, r]) => window.wasmBindings.bench_room_open(c, r),
    [conv, ROOM_OPEN_RUNS]);
  const { page } = await loadApp(user);
  const appOpenMs = await openInApp(page, conv);
  const mem = await memory(page, conv, true);
  await page.close();
  results.room_open_10k_ms = round(median(open.runs_ms), 2);
  results.room_open_10k_memory_mb = round(mem.js_heap_mb + mem.wasm_mb);
  results.room_open_10k = {
    posts: ROOM_POSTS,
    fill_ms: fillMs,
    runs_ms: open.runs_ms.map((x) => round(x, 2)),
    messages: open.messages,
    rows: open.rows,
    unread: open.unread,
    app_click_to_rows_ms: round(appOpenMs),
    memory: { js_heap_mb: round(mem.js_heap_mb), wasm_mb: round(mem.wasm_mb),
      messages_shown: mem.messages_shown },
  };

  say(`communities: ${ROOM_POLL_RUNS} room polls of ${ROOM_POLL_POSTS} new posts`);
  try {
    const poll = await benchPage.evaluate(([n, a, r]) => window.wasmBindings.bench_room_poll(n, a, r),
      [ROOM_POLL_POSTS, ROOM_POLL_AUTHORS, ROOM_POLL_RUNS]);
    const part = (k) => round(median(poll.runs.map((x) => x[k])));
    results.room_poll_500_posts_per_s = Math.round(median(poll.runs.map((x) => (poll.posts / x.ms) * 1000)));
    results.room_poll_500 = {
      posts: poll.posts,
      authors: poll.authors,
      runs_ms: poll.runs.map((x) => round(x.ms)),
      median_ms: { total: part('ms'), parse: part('parse_ms'), apply: part('apply_ms'),
        records: part('records_ms'), store: part('store_ms') },
    };
  } catch (e) {
    say(`room poll figures failed: ${e.message ?? e}`);
    results.room_poll_500 = { error: String(e.message ?? e) };
  }
}

// ---- delivery latency ----------------------------------------------------------------------

async function latency(pollInterval) {
  const alice = await newUser(env, 'bench-alice');
  const bob = await newUser(env, 'bench-bob');
  const a = await createAccount(env, alice, 'Alice');
  const b = await createAccount(env, bob, 'Bob');
  await openChat(alice.page, b.id);
  await send(alice.page, 'hello');
  await receive(bob.page, a.id, 'hello');
  await bob.page.evaluate(() => {
    window.__arrivals = {};
    const seen = () => {
      for (const el of document.querySelectorAll('[data-testid=message-text]')) {
        const t = el.textContent;
        if (t.startsWith('lat-') && !(t in window.__arrivals)) window.__arrivals[t] = Date.now();
      }
    };
    new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  const samples = [];
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    // A random moment within the poll cycle, so the samples cover every phase of it.
    await alice.page.waitForTimeout(Math.random() * pollInterval);
    const text = `lat-${i}`;
    const box = alice.page.getByTestId('composer-input');
    await box.fill(text);
    const t0 = await alice.page.evaluate(() => Date.now());
    await box.press('Enter');
    const handle = await bob.page.waitForFunction((t) => window.__arrivals[t], text, { timeout: 60_000 });
    samples.push((await handle.jsonValue()) - t0);
  }
  await alice.close();
  await bob.close();
  return samples;
}

// ---- report --------------------------------------------------------------------------------

/** A figure's median: bench.json holds each as `{median, min, max, spread, samples}`. */
const med = (x) => (x !== null && typeof x === 'object' ? x.median : x);

/** Whether the figure's median meets `goal`; null when it is missing. */
const meets = (x, goal) => (med(x) === null || med(x) === undefined ? null : goal(med(x)));

/** A figure as `median (min–max, spread%)` (times `scale`), with how many runs gave it when
 *  some did not; the spread is (max − min) / median. One run: the value alone. */
function fig(x, digits = 1, scale = 1) {
  if (x === null || x === undefined) return 'n/a';
  if (typeof x !== 'object') return String(round(x * scale, digits));
  if (x.median === null) return 'missing';
  const runs = x.samples.length;
  const got = runs - (x.missing ?? 0);
  let text = String(round(x.median * scale, digits));
  if (got > 1 && x.min === x.max) {
    text += ` (alike in ${got} runs)`;
  } else if (got > 1) {
    const spread = x.spread === null ? 'n/a' : `${round(x.spread * 100)}%`;
    text += ` (${round(x.min * scale, digits)}–${round(x.max * scale, digits)}, ${spread})`;
  }
  if (got < runs) text += ` [${got} of ${runs} runs]`;
  return text;
}

const count = (n) => n.toLocaleString('en-US');

function goals(r) {
  const list = [];
  const add = (figure, value, goal, met) => list.push({ figure, value, goal, met });
  if (r.bundle) {
    add('first load', `${fig(r.bundle.total_brotli_bytes, 1, 1 / 1000)} KB brotli`, '<= 400 KB',
      meets(r.bundle.total_brotli_bytes, (v) => v <= 400_000));
  }
  for (const [op, c] of Object.entries(r.crypto ?? {})) {
    add(`crypto ${op}`, `ratio ${fig(c.ratio, 3)}; ${fig(c.ours_us, 2)} us vs ${fig(c.libsodium_us, 2)} us`,
      'ratio <= 0.9', meets(c.ratio, (v) => v <= 0.9));
  }
  for (const name of MERGES) {
    const m = r[`${name}_ms`];
    if (!m) continue;
    add(name.replaceAll('_', ' '), `${fig(m.browser, 2)} ms (native ${fig(m.native, 2)} ms)`,
      `<= ${MERGE_GOAL_MS} ms`, meets(m.browser, (v) => v <= MERGE_GOAL_MS));
  }
  const att = r.attachment_10mb;
  if (att?.encrypt) {
    const speed = (x) => (x ? `${fig(x.ms)} ms, ${fig(x.mb_s, 0)} MB/s` : 'n/a');
    for (const [op, row] of [['encrypt', att.encrypt], ['decrypt', att.decrypt], ['SHA-256', att.sha256]]) {
      const native = 'native' in row ? `; native ${speed(row.native)}` : '';
      add(`attachment 10 MB ${op}`, `WebCrypto ${speed(row.webcrypto)}; wasm ${speed(row.wasm)}${native}`,
        '(no goal)', null);
    }
  }
  const tr = r.attachment_transfer_10mb;
  if (tr?.upload) {
    const speed = (x) => `${fig(x.mb_s)} MB/s, ${fig(x.ms, 0)} ms, crypto share ${fig(x.crypto_share, 2)}`;
    for (const [op, row] of [['upload', tr.upload], ['download', tr.download]]) {
      add(`attachment 10 MB ${op} via relay`, `browser ${speed(row.browser)}; native ${speed(row.native)}`,
        '(no goal)', null);
    }
  }
  if (r.backlog_messages_per_s !== undefined) {
    const split = r.backlog?.open_ms !== undefined
      ? ` (opening ${fig(r.backlog.open_ms, 0)} ms, storing ${fig(r.backlog.store_ms, 0)} ms)` : '';
    add(`backlog (${count(BACKLOG)} messages)`, `${fig(r.backlog_messages_per_s, 0)} messages/s${split}`,
      `>= ${BACKLOG_GOAL_PER_S}/s`, meets(r.backlog_messages_per_s, (v) => v >= BACKLOG_GOAL_PER_S));
  }
  if (r.group_rekey_100_ms !== undefined) {
    add(`group rekey (${r.groups?.members} members)`, `${fig(r.group_rekey_100_ms)} ms`, '(no goal)', null);
    add(`group messages received (${count(GROUP_MESSAGES)})`, `${fig(r.group_messages_per_s, 0)} messages/s`,
      '(no goal)', null);
  }
  const cold = r.cold_start_ms ?? {};
  if (cold.messages_0 !== undefined) {
    add('cold start, 0 messages', `${fig(cold.messages_0)} ms`, '(no goal)', null);
    add(`cold start, ${count(COLD_MESSAGES)} messages`, `${fig(cold.messages_10000)} ms`,
      `<= ${COLD_GOAL_MS} ms`, meets(cold.messages_10000, (v) => v <= COLD_GOAL_MS));
  }
  const sc = r.scale;
  if (sc) {
    add(`cold start, ${count(SCALE_MESSAGES)} messages / ${SCALE_CONVERSATIONS} conversations`,
      `${fig(sc.cold_start_ms)} ms`, `<= ${SCALE_COLD_GOAL_MS} ms`,
      meets(sc.cold_start_ms, (v) => v <= SCALE_COLD_GOAL_MS));
    add(`memory, ${count(SCALE_MESSAGES)} messages, largest open`, `${fig(sc.memory_mb)} MB`,
      `<= ${MEMORY_GOAL_MB} MB`, meets(sc.memory_mb, (v) => v <= MEMORY_GOAL_MB));
    add(`backlog into ${count(SCALE_MESSAGES)} stored`, `${fig(sc.backlog_messages_per_s, 0)} messages/s`,
      `>= ${BACKLOG_GOAL_PER_S}/s`, meets(sc.backlog_messages_per_s, (v) => v >= BACKLOG_GOAL_PER_S));
  }
  if (r.room_open_10k_ms !== undefined) {
    add(`community room of ${count(ROOM_POSTS)} posts, open`, `${fig(r.room_open_10k_ms, 2)} ms`,
      '(no goal)', null);
    add(`memory, room of ${count(ROOM_POSTS)} posts open`, `${fig(r.room_open_10k_memory_mb)} MB`,
      `<= ${MEMORY_GOAL_MB} MB`, meets(r.room_open_10k_memory_mb, (v) => v <= MEMORY_GOAL_MB));
  }
  if (r.room_poll_500_posts_per_s !== undefined) {
    add(`community poll of ${count(ROOM_POLL_POSTS)} new posts`, `${fig(r.room_poll_500_posts_per_s, 0)} posts/s`,
      '(no goal)', null);
  }
  if (r.search_query_ms !== undefined) {
    const se = r.search ?? {};
    add(`search over ${count(SEARCH_MESSAGES)} messages, a query`, `${fig(r.search_query_ms, 3)} ms (slowest ${fig(se.query_ms?.max, 3)} ms)`,
      `<= ${SEARCH_GOAL_MS} ms`, meets(r.search_query_ms, (v) => v <= SEARCH_GOAL_MS));
    add(`search index of ${count(SEARCH_MESSAGES)} messages`, `${fig(se.heap_mb, 2)} MB, built at ${fig(se.messages_per_s, 0)} messages/s`,
      '(no goal)', null);
  }
  if (r.i18n?.ar?.build_ms !== undefined) {
    for (const tag of ['fr', 'ar']) {
      const l = r.i18n[tag];
      add(`language ${tag}: catalogue of ${l.messages} messages`,
        `fetched ${fig(l.fetched_brotli_bytes, 1, 1 / 1000)} KB brotli, built in ${fig(l.build_ms.median, 2)} ms, ${fig(l.formats_per_s, 0)} formats/s`,
        '(no goal)', null);
    }
  }
  if (r.accounts?.cold_start_ms !== undefined) {
    const ac = r.accounts;
    add(`cold start, ${count(COLD_MESSAGES)} messages, another account of as many polled too`,
      `${fig(ac.cold_start_ms, 0)} ms (the other polled at ${fig(ac.background_ready_ms, 0)} ms)`,
      '(no goal)', null);
    add('memory with another account polled in the background', `${fig(ac.memory_mb)} MB`,
      `<= ${MEMORY_GOAL_MB} MB`, meets(ac.memory_mb, (v) => v <= MEMORY_GOAL_MB));
  }
  if (r.lock_unlock_ms !== undefined) {
    const lk = r.lock ?? {};
    add('password lock, unlock (Argon2id 19 MiB, 6 passes)', `${fig(r.lock_unlock_ms, 0)} ms (derivation ${fig(lk.kdf_ms, 0)} ms)`,
      '(no goal)', null);
    add(`password set over ${count(LOCK_MESSAGES)} messages`, `${fig(lk.seal_ms, 0)} ms, ${fig(lk.seal_records_per_s, 0)} records/s`,
      '(no goal)', null);
    add('backlog into a sealed database', `${fig(lk.backlog_sealed_messages_per_s, 0)} messages/s (plain ${fig(lk.backlog_plain_messages_per_s, 0)})`,
      '(no goal)', null);
  }
  const l = r.latency_ms;
  if (l) {
    const limit = med(l.poll_interval) + 150;
    add('latency p50', `${fig(l.p50, 0)} ms (p95 ${fig(l.p95, 0)} ms)`,
      `<= poll interval + 150 = ${limit} ms`, meets(l.p50, (v) => v <= limit));
  }
  if (r.memory_mb !== undefined) {
    add('memory', `${fig(r.memory_mb)} MB`, `<= ${MEMORY_GOAL_MB} MB`,
      meets(r.memory_mb, (v) => v <= MEMORY_GOAL_MB));
  }
  return list;
}

function printTable(r) {
  const list = r.goals;
  const done = r.runs_completed < r.runs ? ` (${r.runs_completed} of ${r.runs} runs finished)` : '';
  if (r.quick) {
    console.log(`\nbench results: QUICK, ${r.runs} run(s) of smaller workloads${done}: NOT A MEASUREMENT`);
  } else {
    console.log(`\nbench results: median of ${r.runs} runs${done}; in brackets min–max and spread,`
      + ' (max − min) / median; goals are judged on the median');
  }
  // The value last: with its spread it is the longest column.
  const w = Math.max(0, ...list.map((g) => g.figure.length));
  const gw = Math.max(0, ...list.map((g) => g.goal.length));
  for (const g of list) {
    const met = g.met === null ? '' : g.met ? 'met' : 'NOT MET';
    console.log(`  ${g.figure.padEnd(w)}  ${met.padEnd(7)}  goal ${g.goal.padEnd(gw)}  ${g.value}`);
  }
  if (r.native) {
    console.log('  native (this machine, one thread):');
    for (const [op, n] of Object.entries(r.native)) {
      if (n.mb_s !== undefined) {
        console.log(`    ${op.padEnd(30)} ${fig(n.ms, 2)} ms  ${fig(n.mb_s, 0)} MB/s`);
      } else if (n.ms !== undefined) {
        console.log(`    ${op.padEnd(30)} ${fig(n.ms, 3)} ms  (each run the median of ${fig(n.runs, 0)} merges)`);
      } else {
        console.log(`    ${op.padEnd(30)} ${fig(n.us, 2)} us  ${fig(n.per_s, 0)}/s`);
      }
    }
  }
  if (r.quick) console.log('  QUICK: smaller workloads; NOT A MEASUREMENT');
}

/** `--report`: the goals judged on the medians of bench.json, written into it, and the table. */
function report(path) {
  const r = reported;
  r.goals = goals(r);
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
  printTable(r);
  console.log(`\nbench: wrote ${resolve(path)}`);
}

/** One run: every part asked for, its raw figures into --out. */
async function measure() {
  const started = Date.now();
  const results = {};
  env.relay = await startRelay({ bin: resolve(opts['relay-bin']), dist: site, log: env.log });
  say(`relay ${env.relay.url}, site ${site}${only ? `, only ${[...only].join(', ')}` : ''}`);
  try {
    if (want('bundle')) {
      say('first load');
      results.bundle = await bundle();
    }

    const user = await newUser(env, 'bench-page');
    await instrument(user.context);
    const benchPage = await openBenchPage(user);
    if (want('crypto')) {
      say('crypto, ours and libsodium.js in the same page');
      const times = await cryptoTimes(benchPage);
      results.crypto = {};
      for (const [op, c] of Object.entries(times)) {
        results.crypto[op] = { ours_us: round(c.ours_us, 3), libsodium_us: round(c.libsodium_us, 3),
          ratio: round(c.ours_us / c.libsodium_us, 3) };
      }
    }
    const pollInterval = await benchPage.evaluate(() => window.wasmBindings.bench_poll_interval_ms());

    const native = opts.native && existsSync(opts.native)
      ? JSON.parse(readFileSync(opts.native, 'utf8')) : null;
    if (want('merges')) {
      say('config merges, in the page and natively');
      const merges = await mergeTimes(benchPage);
      for (const [name, m] of Object.entries(merges)) {
        const n = native?.[name];
        results[`${name}_ms`] = { browser: round(m.ms, 3), native: n ? n.ms : null,
          ratio: n ? round(m.ms / n.ms, 2) : null, browser_runs: m.runs, messages: m.messages,
          contacts: m.contacts };
      }
    }

    if (want('attachment')) {
      say('a 10 MB attachment, WebCrypto and wasm in the page');
      try {
        const att = await benchPage.evaluate((runs) => window.wasmBindings.bench_attachment(runs),
          ATTACHMENT_RUNS);
        results.attachment_10mb = {
          bytes: att.bytes,
          runs: att.runs,
          encrypt: { ...att.attachment_encrypt_10mb, native: native?.attachment_encrypt_10mb ?? null },
          decrypt: { ...att.attachment_decrypt_10mb, native: native?.attachment_decrypt_10mb ?? null },
          sha256: att.sha256_10mb,
        };
      } catch (e) {
        say(`attachment figures failed: ${e.message ?? e}`);
        results.attachment_10mb = { error: String(e.message ?? e) };
      }
    }

    if (want('transfer')) {
      say('a 10 MB attachment through the relay and the local network, in the page and natively');
      try {
        const page = await benchPage.evaluate(() => window.wasmBindings.bench_attachment_transfer());
        const cliBin = join(dirname(resolve(opts['relay-bin'])), 'session-cli');
        const nativeRun = JSON.parse(execFileSync(cliBin,
          ['debug', 'transfer-bench', '--through', env.relay.url], { encoding: 'utf8', timeout: 300_000 }));
        results.attachment_transfer_10mb = {
          upload: { browser: page.upload_10mb, native: nativeRun.upload_10mb },
          download: { browser: page.download_10mb, native: nativeRun.download_10mb },
        };
      } catch (e) {
        say(`attachment transfer figures failed: ${e.message ?? e}`);
        results.attachment_transfer_10mb = { error: String(e.message ?? e) };
      }
    }

    if (want('backlog')) {
      say(`backlog: ${BACKLOG} messages`);
      const backlog = await benchPage.evaluate(([n, b]) => window.wasmBindings.bench_backlog(n, b),
        [BACKLOG, BACKLOG_BATCH]);
      if (backlog.stored !== BACKLOG) throw new Error(`backlog stored ${backlog.stored} of ${BACKLOG} messages`);
      results.backlog_messages_per_s = Math.round((backlog.stored / backlog.ms) * 1000);
      results.backlog = { messages: backlog.stored, batch: BACKLOG_BATCH, ms: round(backlog.ms),
        open_ms: round(backlog.open_ms), store_ms: round(backlog.ms - backlog.open_ms) };
    }

    if (want('lock')) {
      say(`lock: ${LOCK_MESSAGES} messages plain, a password set, ${LOCK_MESSAGES} more sealed`);
      try {
        const l = await benchPage.evaluate(([n, b]) => window.wasmBindings.bench_lock(n, b),
          [LOCK_MESSAGES, BACKLOG_BATCH]);
        if (l.stored !== LOCK_MESSAGES) throw new Error(`stored ${l.stored} of ${LOCK_MESSAGES} sealed messages`);
        results.lock_unlock_ms = round(l.unlock_ms);
        results.lock = {
          kdf_ms: round(l.kdf_ms),
          unlock_ms: round(l.unlock_ms),
          seal_ms: round(l.seal_ms),
          sealed_records: l.sealed_records,
          seal_records_per_s: Math.round((l.sealed_records / l.seal_ms) * 1000),
          backlog_plain_messages_per_s: Math.round((LOCK_MESSAGES / l.plain_ms) * 1000),
          backlog_sealed_messages_per_s: Math.round((l.stored / l.sealed_ms) * 1000),
        };
      } catch (e) {
        say(`lock figures failed: ${e.message ?? e}`);
        results.lock = { error: String(e.message ?? e) };
      }
    }

    if (want('groups')) {
      say(`groups: rekey of a ${GROUP_MEMBERS}-member group, ${GROUP_MESSAGES} group messages`);
      try {
        const g = await benchPage.evaluate(([m, r, n, b]) => window.wasmBindings.bench_groups(m, r, n, b),
          [GROUP_MEMBERS, GROUP_REKEYS, GROUP_MESSAGES, BACKLOG_BATCH]);
        if (g.stored !== GROUP_MESSAGES) throw new Error(`stored ${g.stored} of ${GROUP_MESSAGES} group messages`);
        results.group_rekey_100_ms = round(median(g.rekey_ms));
        results.group_messages_per_s = Math.round((g.stored / g.ms) * 1000);
        results.groups = { members: g.members, keys_message_bytes: g.keys_bytes,
          rekey_runs_ms: g.rekey_ms.map((x) => round(x)), messages: g.stored, batch: BACKLOG_BATCH,
          ms: round(g.ms) };
      } catch (e) {
        say(`group figures failed: ${e.message ?? e}`);
        results.groups = { error: String(e.message ?? e) };
      }
    }

    if (want('cold')) {
      say('cold start');
      const empty = await coldStart(user, benchPage, 0);
      await empty.page.close();
      const full = await coldStart(user, benchPage, COLD_MESSAGES);
      results.cold_start_ms = { messages_0: round(empty.ms), messages_10000: round(full.ms) };
      results.cold_start_runs_ms = { messages_0: empty.runs.map((x) => round(x)),
        messages_10000: full.runs.map((x) => round(x)) };

      say('memory with 10,000 messages and the largest conversation open');
      const mem = await memory(full.page, full.largest);
      results.memory_mb = round(mem.js_heap_mb + mem.wasm_mb);
      results.memory = { js_heap_mb: round(mem.js_heap_mb), wasm_mb: round(mem.wasm_mb),
        messages_shown: mem.messages_shown };
      await full.page.close();
    }

    if (want('accounts')) {
      say(`accounts: ${COLD_MESSAGES} messages in the open account, as many in another one`);
      await accounts(user, benchPage, results);
    }

    if (want('scale')) {
      say(`scale: ${SCALE_MESSAGES} messages over ${SCALE_CONVERSATIONS} conversations`);
      const scale = await coldStart(user, benchPage, SCALE_MESSAGES, SCALE_CONVERSATIONS);
      const scaleMem = await memory(scale.page, scale.largest);
      await scale.page.close();
      say(`scale: backlog of ${BACKLOG} messages into the ${SCALE_MESSAGES} stored`);
      const scaleBacklog = await benchPage.evaluate(
        ([n, b]) => window.wasmBindings.bench_backlog_onto_stored(n, b), [BACKLOG, BACKLOG_BATCH]);
      if (scaleBacklog.stored !== BACKLOG) {
        throw new Error(`scale backlog stored ${scaleBacklog.stored} of ${BACKLOG} messages`);
      }
      say(`scale: ${REACTIONS} reactions onto the ${SCALE_MESSAGES} stored`);
      const reactions = await benchPage.evaluate(
        ([n, b]) => window.wasmBindings.bench_reactions(n, b), [REACTIONS, BACKLOG_BATCH]);
      if (reactions.applied < Math.min(REACTIONS, SCALE_MESSAGES / 2)) {
        throw new Error(`${reactions.applied} of ${REACTIONS} reactions applied`);
      }
      results.cold_start_ms ??= {};
      results.cold_start_runs_ms ??= {};
      results.cold_start_ms.messages_100000 = round(scale.ms);
      results.cold_start_runs_ms.messages_100000 = scale.runs.map((x) => round(x));
      results.scale = {
        messages: SCALE_MESSAGES,
        conversations: SCALE_CONVERSATIONS,
        fill_ms: scale.fillMs,
        cold_start_ms: round(scale.ms),
        memory_mb: round(scaleMem.js_heap_mb + scaleMem.wasm_mb),
        memory: { js_heap_mb: round(scaleMem.js_heap_mb), wasm_mb: round(scaleMem.wasm_mb),
          messages_shown: scaleMem.messages_shown },
        backlog_messages_per_s: Math.round((scaleBacklog.stored / scaleBacklog.ms) * 1000),
        backlog: { messages: scaleBacklog.stored, batch: BACKLOG_BATCH, ms: round(scaleBacklog.ms) },
        reactions_per_s: Math.round((reactions.applied / reactions.ms) * 1000),
        reactions: { applied: reactions.applied, batch: BACKLOG_BATCH, ms: round(reactions.ms) },
      };
    }

    if (want('search')) {
      say(`search: an index of ${SEARCH_MESSAGES} messages, then queries`);
      try {
        const found = await benchPage.evaluate((n) => window.wasmBindings.bench_search(n),
          SEARCH_MESSAGES);
        results.search_query_ms = round(found.query_ms.median, 3);
        results.search = {
          messages: found.messages,
          build_ms: round(found.build_ms),
          messages_per_s: Math.round(found.messages_per_s),
          heap_mb: round(found.heap_bytes / 1e6, 2),
          terms: found.terms,
          query_ms: { median: round(found.query_ms.median, 3), min: round(found.query_ms.min, 3),
            max: round(found.query_ms.max, 3) },
          kinds: found.kinds,
        };
      } catch (e) {
        say(`search figures failed: ${e.message ?? e}`);
        results.search = { error: String(e.message ?? e) };
      }
    }

    if (want('i18n')) {
      say('i18n: building each language\'s catalogue and formatting every message');
      try {
        const found = await benchPage.evaluate((n) => window.wasmBindings.bench_i18n(n), 20);
        // What a user of each language fetches besides the shell (English is compiled in).
        const dir = join(site, 'i18n');
        for (const [tag, fig] of Object.entries(found)) {
          let bytes = 0;
          const folder = join(dir, tag);
          if (tag !== 'en' && existsSync(folder)) {
            for (const f of readdirSync(folder)) bytes += brotliSize(join(folder, f));
          }
          fig.fetched_brotli_bytes = bytes;
        }
        results.i18n = found;
      } catch (e) {
        say(`i18n figures failed: ${e.message ?? e}`);
        results.i18n = { error: String(e.message ?? e) };
      }
    }

    if (want('communities')) {
      try {
        await communities(user, benchPage, results);
      } catch (e) {
        say(`community figures failed: ${e.message ?? e}`);
        results.room_open_10k = { error: String(e.message ?? e) };
      }
    }
    await user.close();

    if (want('latency')) {
      say(`latency: ${LATENCY_MESSAGES} messages between two tabs`);
      const lat = await latency(pollInterval);
      results.latency_ms = { p50: Math.round(median(lat)), p95: Math.round(percentile(lat, 95)),
        poll_interval: pollInterval };
      results.latency_samples_ms = lat;
    }

    if (native) results.native = native;
    results.browser = 'headless Chromium';
    results.browser_seconds = Math.round((Date.now() - started) / 1000);
    if (only) results.only = [...only];
    if (opts.quick) results.quick = true;
    mkdirSync(dirname(resolve(opts.out)), { recursive: true });
    writeFileSync(resolve(opts.out), `${JSON.stringify(results, null, 2)}\n`);
    say(`wrote this run's figures to ${resolve(opts.out)}`);
  } finally {
    for (const f of env.cleanup.reverse()) await f().catch(() => {});
    await env.relay.stop().catch(() => {});
  }
}

if (opts.report) report(opts.report);
else await measure();
