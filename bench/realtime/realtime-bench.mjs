// The hot reel client of bench/realtime.sh (issue 4): HTTP only. The socket scenarios (fan-out,
// idle connections) are SocketBench.java's, next to this file.
//
//   node realtime-bench.mjs hotreel BASE USERS CONCURRENCY WARMUP_REELS
// It prints "key=value" lines that bench/realtime.sh copies into its summary.
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(base, method, path, token, body) {
  const url = new URL(path, base);
  const data = body === undefined ? null : JSON.stringify(body);
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(url, {
      method, agent,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {}),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, text, ms: performance.now() - started, at: performance.now() });
      });
    });
    req.on('error', (e) => resolve({ status: 0, json: null, text: String(e), ms: performance.now() - started, at: performance.now() }));
    if (data) req.write(data);
    req.end();
  });
}

async function pool(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  }));
  return results;
}

async function token(base, email, sellerCategory) {
  const login = await request(base, 'POST', '/api/v1/dev-auth/login', null, { email, password: 'bench-pass' });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${login.text}`);
  const t = login.json.access_token;
  if (sellerCategory) {
    const r = await request(base, 'POST', '/api/v1/auth/sync-role', t, { role: 'seller', seller_category: sellerCategory });
    if (r.status !== 200) throw new Error(`sync-role: ${r.status} ${r.text}`);
  }
  return t;
}

async function tokens(base, prefix, count) {
  const run = Date.now().toString(36);
  return pool(Array.from({ length: count }, (_, i) => i), 16,
    (i) => token(base, `${prefix}-${run}-${i}@zst.test`));
}

/** A product and a reel of a new fournisseur seller; answers the reel id. */
async function reel(base) {
  const seller = await token(base, `bench-reel-seller-${Date.now()}@zst.test`, 'fournisseur');
  const product = await request(base, 'POST', '/api/v1/products', seller, {
    name: `Bench reel product ${Date.now()}`, price: 1500, stock: 10, category: 'beauty',
    images: ['https://cdn.zst.test/bench.jpg'],
  });
  if (product.status !== 201) throw new Error(`product: ${product.status} ${product.text}`);
  const created = await request(base, 'POST', '/api/v1/reels', seller, {
    product_id: product.json.id, video_url: 'https://cdn.zst.test/bench.mp4',
    video_storage_path: `reels/${product.json.id}/bench.mp4`, caption: 'bench',
  });
  if (created.status !== 201) throw new Error(`reel: ${created.status} ${created.text}`);
  return created.json.id;
}

/** CPU seconds used so far by the server (SERVER_PID) and by this client, to report each phase's CPU. */
function cpu() {
  let server = NaN;
  if (process.env.SERVER_PID) {
    const fields = fs.readFileSync(`/proc/${process.env.SERVER_PID}/stat`, 'utf8').split(') ')[1].split(' ');
    server = (Number(fields[11]) + Number(fields[12])) / 100;
  }
  const own = process.cpuUsage();
  return { server, client: (own.user + own.system) / 1e6, at: performance.now() };
}

function cpuLine(prefix, before) {
  const after = cpu();
  const seconds = (after.at - before.at) / 1000;
  console.log(`${prefix}_seconds=${seconds.toFixed(1)} ${prefix}_server_cores=${((after.server - before.server) / seconds).toFixed(2)} `
    + `${prefix}_client_cores=${((after.client - before.client) / seconds).toFixed(2)}`);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
}

function latencyLine(prefix, values) {
  const sorted = Float64Array.from(values).sort();
  const f = (v) => v.toFixed(1);
  console.log(`${prefix}_p50_ms=${f(percentile(sorted, 50))} ${prefix}_p95_ms=${f(percentile(sorted, 95))} `
    + `${prefix}_p99_ms=${f(percentile(sorted, 99))} ${prefix}_max_ms=${f(sorted[sorted.length - 1] ?? NaN)}`);
}

// (2) Hot reel: USERS distinct users like one reel, CONCURRENCY requests in flight at a time. Each
// user has opened the reel first (as in the app, where the like button is on the reel being
// watched), so the timed likes are not also each user's first request of the session. Before the
// timed run the same users like WARMUP_REELS other reels: a fresh JVM spends most of its first
// minute in the JIT compiler, and a run on a cold JVM measures the compiler.
async function hotreel(base, users, concurrency, warmupReels) {
  const likers = await tokens(base, 'bench-hot-liker', users);
  const rates = [];
  for (let w = 0; w < warmupReels; w++) {
    const warmup = await reel(base);
    const t0 = performance.now();
    const answers = await pool(likers, concurrency, (t) => request(base, 'POST', `/api/v1/reels/${warmup}/like`, t));
    const ok = answers.filter((a) => a.status === 200).length;
    rates.push(ok / ((performance.now() - t0) / 1000));
    console.log(`hot_warmup_${w + 1}_likes_per_s=${rates[w].toFixed(1)} hot_warmup_${w + 1}_ok=${ok}`);
  }
  // One round of 2,000 likes lasts a few seconds, and rounds of the same code differ by up to 30 %:
  // the mean of the last ten warm-up rounds (20,000 likes, the JIT settled) is the steadier figure.
  const settled = rates.slice(-10);
  if (settled.length) {
    const n = settled.length;
    console.log(`hot_warmup_last${n}_mean_likes_per_s=${(settled.reduce((a, b) => a + b, 0) / n).toFixed(1)} `
      + `hot_warmup_last${n}_min=${Math.min(...settled).toFixed(1)} hot_warmup_last${n}_max=${Math.max(...settled).toFixed(1)}`);
  }
  const reelId = await reel(base);
  await pool(likers, 16, (t) => request(base, 'GET', `/api/v1/reels/${reelId}`, t));
  // READY_FILE and GO_FILE: say the measured round is next, and wait to be told to start it (a
  // profiler attached in between sees only that round: no sign-ins, no cold warm-up).
  if (process.env.GO_FILE) {
    if (process.env.READY_FILE) fs.writeFileSync(process.env.READY_FILE, '');
    else console.log('ready');
    while (!fs.existsSync(process.env.GO_FILE)) await new Promise((r) => setTimeout(r, 200));
  }
  const cpuBefore = cpu();
  const t0 = performance.now();
  const answers = await pool(likers, concurrency, (t) => request(base, 'POST', `/api/v1/reels/${reelId}/like`, t));
  const seconds = (performance.now() - t0) / 1000;
  cpuLine('hot_phase', cpuBefore);
  const byStatus = {};
  answers.forEach((a) => { byStatus[a.status] = (byStatus[a.status] ?? 0) + 1; });
  const ok = byStatus[200] ?? 0;
  console.log(`hot_users=${users} hot_concurrency=${concurrency} hot_seconds=${seconds.toFixed(2)} `
    + `hot_likes_per_s=${(ok / seconds).toFixed(1)} hot_ok=${ok} hot_errors=${users - ok} `
    + `hot_statuses=${JSON.stringify(byStatus).replace(/[ "]/g, '')}`);
  latencyLine('hot', answers.map((a) => a.ms));
  const last = answers.filter((a) => a.status === 200).map((a) => a.json.likesCount).reduce((a, b) => Math.max(a, b), 0);
  const final = await request(base, 'GET', `/api/v1/reels/${reelId}`, null);
  console.log(`hot_final_likes_count=${final.json.likes_count} hot_highest_answered_count=${last} hot_exact=${final.json.likes_count === ok}`);
}

main();

/** The command line's mode. */
function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode !== 'hotreel') { console.error('usage: see the header of this file'); process.exit(2); }
  hotreel(args[0], +args[1], +args[2], +(args[3] ?? 3)).then(() => process.exit(0))
    .catch((e) => { console.error(e); process.exit(1); });
}
