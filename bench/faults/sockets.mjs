// The fault suite's sockets on the app's own client library (socket.io-client 4.x, as API.md §11 says
// the app uses), one Node process: bench/faults.sh starts it beside FaultBench.java's load when
// SOCKET_CLIENT=node (the default). It does what FaultBench's `sockets` mode does with socket.io's
// Java port, and leaves the same record, so the Java run's report reads both alike:
//
//   node sockets.mjs KEY ISSUER BASE STATE COUNT OFFSET CONTROL_DIR OUT_DIR TRANSPORTS
//
// COUNT clients from number OFFSET, each signed in as customer-N (a session token signed as Clerk
// would, the same claims as FaultBench.sign), each from its own loopback address 127.a.b.1 (a
// different /24 each, so that nginx's stickiness by client address spreads them over the nodes as it
// would phones), each in one reel's room (the STATE file's reels, client N in reel N mod 10), rejoined
// after every (re)connection as the app does. It reports "sockets: N connected and in their reel's
// room", waits for CONTROL_DIR/stop, then writes OUT_DIR/sockets-OFFSET.txt: per client
// "index|connects|disconnects|pushes|connect errors|reconnection attempts|failed attempts" (epoch ms,
// comma-separated; failed attempts "ms message" separated by ';').
//
// Why not the Java port: it runs every socket of a JVM on one event thread plus a thread per
// websocket, so the suite needed four JVMs for 1,000 sockets, and in the kill scenario their
// reconnection storm competed for the same two cores as the surviving nodes.
import { createPrivateKey, sign } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';

const [keyFile, issuer, base, stateFile, countArg, offsetArg, controlDir, outDir, transports] = process.argv.slice(2);
const count = Number(countArg);
const offset = Number(offsetArg);
const key = createPrivateKey(readFileSync(keyFile, 'utf8'));
const reels = readFileSync(stateFile, 'utf8').split('\n').find((line) => line.startsWith('reels ')).split(' ').slice(1);

const b64url = (text) => Buffer.from(text).toString('base64url');

/** As FaultBench.sign: RS256, valid three hours, the user the seed registered for this name. */
function token(name) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({
    sub: `user_faults_${name.replaceAll('-', '_')}`, iss: issuer, iat: now, nbf: now - 5, exp: now + 3 * 3600,
    email: `faults-${name}@zst.bench`,
  }));
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), key).toString('base64url');
  return `${header}.${claims}.${signature}`;
}

const clients = [];
let joined = 0;

function connect(index) {
  const local = `127.${1 + Math.floor(index / 250)}.${index % 250}.1`;
  const client = { index, connects: [], disconnects: [], pushes: [], errors: 0, attempts: [], attemptErrors: [] };
  clients.push(client);
  const socket = io(`${base}/realtime`, {
    forceNew: true,
    auth: { token: token(`customer-${index}`) },
    transports: transports.split(','),
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    // The polling requests' connections from this client's address (kept alive, as a phone's), and
    // the websocket's.
    agent: new http.Agent({ keepAlive: true, localAddress: local }),
    localAddress: local,
  });
  client.socket = socket;
  const reel = reels[index % reels.length];
  let first = true;
  socket.on('connect', () => {
    client.connects.push(Date.now());
    socket.emit('reel:join', reel, () => {
      if (first) {
        first = false;
        joined++;
      }
    });
  });
  socket.on('disconnect', () => client.disconnects.push(Date.now()));
  socket.on('connect_error', () => client.errors++);
  socket.io.on('reconnect_attempt', () => client.attempts.push(Date.now()));
  socket.io.on('reconnect_error', (error) => client.attemptErrors.push(
    `${Date.now()} ${String(error?.message ?? error).replaceAll('|', '/').replaceAll(';', ',')}`));
  for (const event of ['reel:liked', 'reel:view', 'reel:commented']) {
    socket.on(event, () => client.pushes.push(Date.now()));
  }
}

for (let k = 0; k < count; k++) {
  connect(offset + k);
  if (k % 50 === 49) {
    await sleep(200);
  }
}
const deadline = Date.now() + 120_000;
while (joined < count && Date.now() < deadline) {
  await sleep(200);
}
if (joined < count) {
  console.log(`sockets: only ${joined} of ${count} joined`);
}
console.log(`sockets: ${joined} connected and in their reel's room`);

while (!existsSync(join(controlDir, 'stop'))) {
  await sleep(200);
}
await sleep(2000);
const lines = clients.map((c) => [c.index, c.connects.join(','), c.disconnects.join(','), c.pushes.join(','), c.errors,
  c.attempts.join(','), c.attemptErrors.join(';')].join('|'));
writeFileSync(join(outDir, `sockets-${offset}.tmp`), `${lines.join('\n')}\n`);
renameSync(join(outDir, `sockets-${offset}.tmp`), join(outDir, `sockets-${offset}.txt`));
clients.forEach((c) => c.socket.close());
process.exit(0);
