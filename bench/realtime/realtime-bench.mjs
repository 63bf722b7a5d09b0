// Load clients of bench/realtime.sh (issue 4): fan-out, hot reel and idle connections.
//
// The sockets speak Socket.IO v4 (Engine.IO v4) over a websocket, exactly the frames the app's
// socket.io-client sends with transports: ["websocket"], but written by hand on Node's own TCP
// sockets (RawSocket), with no package: thousands of full socket.io-client instances would spend
// this 2-core machine's CPU on the client side, and the figures would measure the load generator.
// The platform's tests use the real Java client; here only the server is under test.
//
//   node realtime-bench.mjs fanout      BASE WS_URL CLIENTS LIKES_PER_SECOND SECONDS [WARMUP_REELS WARMUP_RATE]
//                                       (sockets in FANOUT_CLIENT_THREADS worker threads, default 2)
//   node realtime-bench.mjs hotreel     BASE USERS CONCURRENCY WARMUP_REELS
//   node realtime-bench.mjs connections BASE WS_URL SOCKETS TOKENS
// Each prints "key=value" lines that bench/realtime.sh copies into its summary.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const NS = '/realtime';
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

const PING = 0x32; // Engine.IO ping: the frame "2"

/**
 * Each worker's sockets read into this one buffer (Node's `onread`): a read's bytes are handled in
 * its callback before the next read, and only a frame cut by the end of a read is copied.
 */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * One Socket.IO v4 socket on /realtime over a websocket: the frames the app's socket.io-client
 * sends with transports: ["websocket"], written by hand on a plain TCP socket. The websocket
 * handshake, Engine.IO's open packet, the Socket.IO connect (with the token, if any) and the pings
 * are handled here; every other frame goes to the socket's `frameListeners` as (buffer, start, end)
 * of its payload, never copied or turned into a string whole, and valid only during the call.
 *
 * Why by hand: at 5,000 sockets and 25 push windows a second the client reads 125,000 frames a
 * second on the two cores the server under test uses. Full socket.io-client instances, then `ws`'s
 * per-message Buffer and event, then Node's stream 'data' events, each took a share of the
 * machine that belonged to the server; Node's `onread` hands each read to one callback, in one
 * buffer reused for every read.
 */
class RawSocket {
  constructor(url, authToken, connected, failed) {
    this.frameListeners = new Set();
    this.closeListeners = new Set();
    this.authToken = authToken;
    this.connected = connected;
    this.failed = failed;
    this.upgraded = false;
    this.pending = null;            // bytes of an incomplete frame (or response head), copied
    const { hostname, port } = new URL(url);
    this.socket = net.connect({ host: hostname, port: Number(port), noDelay: true,
      onread: { buffer: readBuffer, callback: (n, buf) => { this.read(buf, n); } } });
    this.socket.on('connect', () => {
      this.socket.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`
        + 'Upgrade: websocket\r\nConnection: Upgrade\r\n'
        + `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => {
      this.fail(new Error('closed'));
      for (const listener of this.closeListeners) listener();
    });
  }

  /** Sends one text frame, masked as a client's must be. */
  send(text) {
    const payload = Buffer.from(text);
    const head = payload.length < 126 ? 2 : 4;
    const frame = Buffer.allocUnsafe(head + 4 + payload.length);
    frame[0] = 0x81;
    if (head === 2) frame[1] = 0x80 | payload.length;
    else { frame[1] = 0x80 | 126; frame.writeUInt16BE(payload.length, 2); }
    crypto.randomFillSync(frame, head, 4);
    for (let i = 0; i < payload.length; i++) frame[head + 4 + i] = payload[i] ^ frame[head + (i & 3)];
    this.socket.write(frame);
  }

  terminate() {
    this.socket.destroy();
  }

  fail(e) {
    if (this.failed) { const failed = this.failed; this.connected = this.failed = null; failed(e); }
  }

  /** The n bytes just read into buf (the shared read buffer): the response head, then frames. */
  read(buf, n) {
    let bytes = buf.subarray(0, n);
    if (this.pending) { bytes = Buffer.concat([this.pending, bytes]); this.pending = null; }
    let at = 0;
    if (!this.upgraded) {
      const end = bytes.indexOf('\r\n\r\n');
      if (end < 0) { this.pending = Buffer.from(bytes); return; }
      if (!bytes.latin1Slice(0, 12).startsWith('HTTP/1.1 101')) {
        this.fail(new Error(`handshake: ${bytes.latin1Slice(0, bytes.indexOf('\r\n'))}`));
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
      at = end + 4;
    }
    while (at + 2 <= bytes.length) {
      let length = bytes[at + 1] & 0x7f;
      let head = 2;
      if (length === 126) {
        if (at + 4 > bytes.length) break;
        length = bytes.readUInt16BE(at + 2); head = 4;
      } else if (length === 127) {
        if (at + 10 > bytes.length) break;
        length = Number(bytes.readBigUInt64BE(at + 2)); head = 10;
      }
      if (at + head + length > bytes.length) break;
      const start = at + head;
      const end = start + length;
      if (length === 1 && bytes[start] === PING) this.send('3');
      else if (this.connected) this.handshake(bytes.toString('utf8', start, end));
      else for (const listener of this.frameListeners) listener(bytes, start, end);
      at = end;
    }
    if (at < bytes.length) this.pending = Buffer.from(bytes.subarray(at));
  }

  /** Engine.IO's open packet, then the namespace's answer to the Socket.IO connect. */
  handshake(frame) {
    if (frame.startsWith('0')) {
      this.send(`40${NS},` + (this.authToken ? JSON.stringify({ token: this.authToken }) : ''));
    } else if (frame.startsWith(`40${NS},`)) {
      const connected = this.connected;
      this.connected = this.failed = null;
      connected(this);
    } else if (frame.startsWith(`44${NS},`)) {
      this.fail(new Error(`connect_error ${frame}`));
      this.socket.destroy();
    }
  }
}

/** A connected Socket.IO socket (see RawSocket), or a rejection after 60 s or a refusal. */
function connect(wsUrl, authToken) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { socket.fail(new Error('connect timeout')); socket.terminate(); }, 60000);
    const socket = new RawSocket(wsUrl, authToken,
      (s) => { clearTimeout(timer); resolve(s); },
      (e) => { clearTimeout(timer); reject(e); });
  });
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

async function connectAll(wsUrl, count, tokenFor, onEvent, concurrency = 200) {
  const sockets = [];
  let failed = 0;
  await pool(Array.from({ length: count }, (_, i) => i), concurrency, async (i) => {
    try {
      const ws = await connect(wsUrl, tokenFor(i));
      ws.frameListeners.add((buf, start, end) => onEvent(i, buf, start, end));
      sockets.push(ws);
    } catch (e) {
      failed++;
      if (failed <= 3) console.error(`socket ${i}: ${e.message}`);
    }
  });
  return { sockets, failed };
}

// (1) Fan-out: CLIENTS sockets in one reel room; likes by distinct users at LIKES_PER_SECOND; the
// delay from each like's HTTP answer to its reel:liked frame on each socket. First a warm-up,
// reported apart: the same users like WARMUP_REELS other reels, all sockets in their rooms, at
// WARMUP_RATE likes a second. A fresh JVM spends minutes compiling: at 50 likes a second a method
// run once per like reaches C2's threshold only after about five minutes, and in a run warmed by
// 30 s at the measured rate the JIT still took 15 % of the server's CPU samples.
//
// The sockets live in FANOUT_CLIENT_THREADS worker threads (default 2, one per core), the likes
// in the main thread. 5,000 real clients are 5,000 devices, each reading its own socket; one Node
// thread reading all of them took ~27 ms of each 40 ms push window, and a frame waited for that
// thread behind the frames of every other socket: its queue, not the server's, was in the delays.
// Each worker notes when each like's push reached each of its sockets (wall-clock milliseconds,
// comparable across threads); the delays are computed at the end against the likes' answers.
async function fanout(base, wsUrl, clients, rate, seconds, warmupReelCount, warmupRate) {
  const warmupReels = [];
  for (let w = 0; w < warmupReelCount; w++) warmupReels.push(await reel(base));
  const reelId = await reel(base);
  const likes = rate * seconds;
  const likers = await tokens(base, 'bench-fanout-liker', likes);
  const threads = Math.max(1, Math.min(clients, Number(process.env.FANOUT_CLIENT_THREADS ?? 2)));
  const workers = Array.from({ length: threads }, (_, w) => new SocketWorker(wsUrl,
    Math.floor(clients / threads) + (w < clients % threads ? 1 : 0)));
  const all = (message) => Promise.all(workers.map((worker) => worker.ask(message)));
  const sum = (answers, key) => answers.reduce((total, answer) => total + answer[key], 0);

  const started = performance.now();
  const connected = await all({ op: 'connect' });
  const sockets = sum(connected, 'sockets');
  console.log(`fanout_clients=${sockets} fanout_connect_failed=${sum(connected, 'failed')} `
    + `fanout_connect_seconds=${((performance.now() - started) / 1000).toFixed(1)} fanout_client_threads=${threads}`);
  const userIds = await pool(likers, 16, async (t) => (await request(base, 'GET', '/api/v1/auth/me', t)).json.id);

  if (warmupReels.length > 0) {
    for (const warmup of warmupReels) await all({ op: 'every', packet: `["reel:join","${warmup}"]`, reply: '["reel:stats"' });
    const t0 = performance.now();
    let ok = 0;
    for (const warmup of warmupReels) {
      ok += (await likeAtRate(base, warmup, likers, warmupRate, () => {})).filter((a) => a.status === 200).length;
    }
    const warmupReceived = async () => sum(await all({ op: 'count' }), 'warmup');
    await drained(warmupReceived);
    console.log(`fanout_warmup_seconds=${((performance.now() - t0) / 1000).toFixed(1)} fanout_warmup_likes_ok=${ok} `
      + `fanout_warmup_pushes_received=${await warmupReceived()} fanout_warmup_pushes_expected=${ok * sockets}`);
    for (const warmup of warmupReels) await all({ op: 'every', packet: `["reel:leave","${warmup}"]`, reply: '["reel:left"' });
  }
  const joined = await all({ op: 'every', packet: `["reel:join","${reelId}"]`, reply: '["reel:stats"' });
  console.log(`fanout_joined=${joined.reduce((a, b) => a + b.answered, 0)}`);
  await all({ op: 'measure', userIds });

  const answeredAt = new Float64Array(likes).fill(NaN);   // like i → wall-clock ms of its HTTP answer
  const sendsBefore = await crowdSends(base);
  const cpuBefore = cpu();
  const t0 = performance.now();
  const answers = await likeAtRate(base, reelId, likers, rate, (i, res) => { answeredAt[i] = wallClock(res.at); });
  const sendSeconds = (performance.now() - t0) / 1000;
  cpuLine('fanout_like_phase', cpuBefore);
  const sendsAfter = await crowdSends(base);
  const sends = sendsAfter.count - sendsBefore.count;
  console.log(`fanout_crowd_sends_per_s=${(sends / sendSeconds).toFixed(1)} `
    + `fanout_crowd_send_mean_ms=${((sendsAfter.sum - sendsBefore.sum) * 1000 / sends).toFixed(1)} `
    + `fanout_crowd_send_recent_max_ms=${(sendsAfter.max * 1000).toFixed(1)}`);
  // Pushes still on their way are late, not lost: wait until none has arrived for 3 s (at most 5 min).
  const drainStart = performance.now();
  const quietSince = await drained(async () => sum(await all({ op: 'count' }), 'measured'));
  console.log(`fanout_drain_seconds=${((quietSince - drainStart) / 1000).toFixed(1)}`);

  // Each worker's receipts: like i's push on its socket s at [i * sockets + s], NaN when it never came.
  const delays = new Float64Array(likes * sockets);
  let delayCount = 0;
  let got = 0;
  let beforeAnswer = 0;
  // Where a delay goes, per like: its first and last receipt on any socket (the server's pipeline
  // and hold, then the spread of one push over the room), and its event's timestamp against both.
  const firstAt = new Float64Array(likes).fill(Infinity);
  const lastAt = new Float64Array(likes).fill(-Infinity);
  const committedAt = new Float64Array(likes).fill(NaN);
  for (const { receipts, committedAt: stamps } of await all({ op: 'results' })) {
    const perLike = receipts.length / likes;
    for (let i = 0; i < likes; i++) {
      if (!Number.isNaN(stamps[i])) committedAt[i] = stamps[i];
      for (let s = 0; s < perLike; s++) {
        const receivedAt = receipts[i * perLike + s];
        if (Number.isNaN(receivedAt)) continue;
        got++;
        if (receivedAt < firstAt[i]) firstAt[i] = receivedAt;
        if (receivedAt > lastAt[i]) lastAt[i] = receivedAt;
        if (Number.isNaN(answeredAt[i])) continue;
        if (receivedAt < answeredAt[i]) beforeAnswer++;
        delays[delayCount++] = Math.max(0, receivedAt - answeredAt[i]);
      }
    }
  }
  const ok = answers.filter((a) => a.status === 200).length;
  const expected = ok * sockets;
  console.log(`fanout_likes_sent=${likes} fanout_likes_ok=${ok} fanout_like_errors=${likes - ok} `
    + `fanout_rate_per_s=${(likes / sendSeconds).toFixed(1)} fanout_pushes_expected=${expected} `
    + `fanout_pushes_received=${got} fanout_lost=${Math.max(0, expected - got)} fanout_before_answer=${beforeAnswer}`);
  latencyLine('fanout_delay', delays.subarray(0, delayCount));
  latencyLine('fanout_like_http', answers.map((a) => a.ms));
  const measuredLikes = [...Array(likes).keys()].filter((i) => !Number.isNaN(answeredAt[i]) && Number.isFinite(firstAt[i]));
  latencyLine('fanout_first_receipt', measuredLikes.map((i) => firstAt[i] - answeredAt[i]));
  latencyLine('fanout_last_receipt', measuredLikes.map((i) => lastAt[i] - answeredAt[i]));
  latencyLine('fanout_spread', measuredLikes.map((i) => lastAt[i] - firstAt[i]));
  const stamped = measuredLikes.filter((i) => !Number.isNaN(committedAt[i]));
  latencyLine('fanout_commit_to_answer', stamped.map((i) => answeredAt[i] - committedAt[i]));
  latencyLine('fanout_commit_to_first_receipt', stamped.map((i) => firstAt[i] - committedAt[i]));
  const final = await request(base, 'GET', `/api/v1/reels/${reelId}`, null);
  console.log(`fanout_final_likes_count=${final.json.likes_count}`);
  await Promise.all(workers.map((worker) => worker.terminate()));
}

/**
 * The server's sends of held crowd pushes so far (`zst.realtime.crowd.sends`: each event loop's
 * writes of one interval's pushes to its sockets), from /actuator/prometheus: how many, their
 * total seconds, and the longest of the last minutes.
 */
async function crowdSends(base) {
  const { text } = await request(base, 'GET', '/actuator/prometheus', null);
  const value = (name) => Number((text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm')) ?? [])[1]);
  return { count: value('zst_realtime_crowd_sends_seconds_count'), sum: value('zst_realtime_crowd_sends_seconds_sum'),
    max: value('zst_realtime_crowd_sends_seconds_max') };
}

/** Milliseconds since the epoch, with performance.now()'s precision: the same clock in every thread. */
function wallClock(now = performance.now()) {
  return performance.timeOrigin + now;
}

/** A worker thread holding `count` of the fan-out's sockets (see socketWorker), asked one thing at a time. */
class SocketWorker {
  constructor(wsUrl, count) {
    this.worker = new Worker(new URL(import.meta.url), { workerData: { wsUrl, count } });
    this.worker.on('error', (e) => { console.error(e); process.exit(1); });
  }

  ask(message) {
    return new Promise((resolve) => {
      this.worker.once('message', resolve);
      this.worker.postMessage(message);
    });
  }

  terminate() {
    return this.worker.terminate();
  }
}

/** The worker side: connects its sockets and answers the main thread's questions about them. */
function socketWorker({ wsUrl, count }) {
  let sockets = [];
  let warmup = 0;
  let measured = 0;
  let likeIndex = null;                 // liker user id → like number, once measuring
  let receipts = null;
  let committedAt = null;               // like number → its event's timestamp (ms), from the push
  const liked = Buffer.from('"reel:liked"');
  const marker = Buffer.from('"userId":"');
  const stamp = Buffer.from('"timestamp":"');
  // The likes last seen (every socket gets the same frames, in the same order): their user ids'
  // bytes compared in place, before a string is made and looked up.
  const recent = Array.from({ length: 8 }, () => ({ key: Buffer.alloc(36), index: undefined }));
  let nextRecent = 0;
  const likeOf = (buf, at) => {
    for (const seen of recent) {
      if (seen.index !== undefined && buf.compare(seen.key, 0, 36, at, at + 36) === 0) return seen.index;
    }
    const index = likeIndex.get(buf.latin1Slice(at, at + 36));
    const slot = recent[nextRecent++ % recent.length];
    buf.copy(slot.key, 0, at, at + 36);
    slot.index = index;
    return index;
  };
  const onEvent = (s, buf, start, end) => {
    const kind = buf.indexOf(liked, start);
    if (kind < 0 || kind >= end) return;
    if (likeIndex === null) { warmup++; return; }
    const now = wallClock();
    const at = buf.indexOf(marker, kind) + marker.length;
    const i = likeOf(buf, at);
    if (i === undefined) return;
    receipts[i * count + s] = now;
    if (Number.isNaN(committedAt[i])) {
      const ts = buf.indexOf(stamp, kind) + stamp.length;
      committedAt[i] = Date.parse(buf.latin1Slice(ts, buf.indexOf(0x22, ts)));
    }
    measured++;
  };
  const ops = {
    connect: async () => {
      const connected = await connectAll(wsUrl, count, () => null, onEvent);
      sockets = connected.sockets;
      return { sockets: sockets.length, failed: connected.failed };
    },
    every: async ({ packet, reply }) => ({ answered: await everySocket(sockets, packet, reply) }),
    measure: async ({ userIds }) => {
      receipts = new Float64Array(userIds.length * count).fill(NaN);
      committedAt = new Float64Array(userIds.length).fill(NaN);
      likeIndex = new Map(userIds.map((id, i) => [id, i]));
      return {};
    },
    count: async () => ({ warmup, measured }),
    results: async () => ({ receipts, committedAt }),
  };
  parentPort.on('message', async (message) => {
    const answer = await ops[message.op](message);
    parentPort.postMessage(answer, answer.receipts ? [answer.receipts.buffer, answer.committedAt.buffer] : []);
  });
}

/** Sends the Socket.IO event `packet` on every socket and answers how many got a frame starting `reply`. */
async function everySocket(sockets, packet, reply) {
  let answered = 0;
  const prefix = `42${NS},${reply}`;
  await Promise.all(sockets.map((ws) => new Promise((resolve) => {
    const listener = (buf, start, end) => {
      if (buf.toString('utf8', start, end).startsWith(prefix)) {
        answered++; ws.frameListeners.delete(listener); resolve();
      }
    };
    ws.frameListeners.add(listener);
    ws.send(`42${NS},${packet}`);
  })));
  return answered;
}

/** Each of `likers` likes the reel, one every 1/rate s on schedule; onOk(i, answer) on each 200. */
async function likeAtRate(base, reelId, likers, rate, onOk) {
  const answers = [];
  const interval = 1000 / rate;
  const t0 = performance.now();
  const sends = [];
  for (let i = 0; i < likers.length; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sends.push(request(base, 'POST', `/api/v1/reels/${reelId}/like`, likers[i]).then((res) => {
      answers.push(res);
      if (res.status === 200) onOk(i, res);
    }));
  }
  await Promise.all(sends);
  return answers;
}

/** Waits until count() (a promise) has not moved for 3 s (at most 5 min); answers when it last moved. */
async function drained(count) {
  const start = performance.now();
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() - quietSince < 3000 && performance.now() - start < 300000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await count();
    if (now !== last) { last = now; quietSince = performance.now(); }
  }
  return quietSince;
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

// (3) Idle authenticated sockets: SOCKETS sockets signed in with TOKENS distinct users, held open.
async function connections(base, wsUrl, count, tokenCount) {
  const signedIn = await tokens(base, 'bench-idle-user', tokenCount);
  const started = performance.now();
  const { sockets, failed } = await connectAll(wsUrl, count, (i) => signedIn[i % signedIn.length], () => {}, 300);
  console.log(`idle_sockets=${sockets.length} idle_failed=${failed} `
    + `idle_connect_seconds=${((performance.now() - started) / 1000).toFixed(1)}`);
  // Held until the parent script has measured the server, then it kills this process.
  console.log('idle_ready=1');
  let alive = sockets.length;
  sockets.forEach((ws) => ws.closeListeners.add(() => { alive--; }));
  setInterval(() => console.log(`idle_alive=${alive}`), 10000);
}

if (!isMainThread) {
  socketWorker(workerData);
} else {
  main();
}

/** The command line's mode, run in the main thread. */
function main() {
  const [mode, ...args] = process.argv.slice(2);
  const run = { fanout: () => fanout(args[0], args[1], +args[2], +args[3], +args[4], +(args[5] ?? 0), +(args[6] ?? 150)),
    hotreel: () => hotreel(args[0], +args[1], +args[2], +(args[3] ?? 3)),
    connections: () => connections(args[0], args[1], +args[2], +args[3]) }[mode];
  if (!run) { console.error('usage: see the header of this file'); process.exit(2); }
  run().then(() => { if (mode !== 'connections') process.exit(0); })
    .catch((e) => { console.error(e); process.exit(1); });
}
