// Node's HTTP/1 parser (llhttp) as a differential peer, over loopback only.
//
//   node node_peer.js CASES OUT
//
// CASES: one JSON object a line, {"id": N, "kind": "request"|"response", "hex": BYTES}, the
// bytes a head followed by the probe body. OUT: one JSON object a line per case, in id order:
//   {"id", "ok": true, "method"/"url" or "status"/"reason", "version", "raw_headers": [hex...],
//    "body": hex, "ended": bool}           the first message node parsed from the bytes
//   {"id", "ok": false, "why": "..."}      node refused it (clientError, 'error', no message)
//
// Requests: an http.createServer (strict parser) on 127.0.0.1, an ephemeral port; each case on
// a fresh socket that writes the bytes and half-closes. Responses: a raw net server on
// 127.0.0.1 that answers GET /case/ID with case ID's bytes and closes; http.get (strict parser)
// reads it. Both servers are closed at the end; every socket has a timeout.

'use strict';
const fs = require('fs');
const http = require('http');
const net = require('net');

const [casesFile, outFile] = process.argv.slice(2);
const cases = fs.readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const CONCURRENCY = 24;
const CASE_TIMEOUT_MS = 2000;

const hexOf = (buf) => Buffer.from(buf).toString('hex');
const rawHex = (raw) => raw.map((s) => Buffer.from(s, 'latin1').toString('hex'));

// ---- requests --------------------------------------------------------------------------
// What the server saw on each connection, by the client's port.
const seen = new Map();

function requestServer() {
  const server = http.createServer({ insecureHTTPParser: false });
  server.on('connection', (sock) => {
    const port = sock.remotePort;
    seen.set(port, { message: null, error: null });
    // A case's socket is never reused: no keep-alive wait after the first message.
    sock.setTimeout(CASE_TIMEOUT_MS, () => sock.destroy());
  });
  server.on('request', (req, res) => {
    const st = seen.get(req.socket.remotePort);
    if (st.message) {
      // A second message on the socket (the probe read as a request): not this case's concern.
      res.destroy();
      return;
    }
    const m = {
      method: req.method,
      url: Buffer.from(req.url, 'latin1').toString('hex'),
      version: req.httpVersion,
      raw_headers: rawHex(req.rawHeaders),
      body: [],
      ended: false,
    };
    st.message = m;
    st.req = req;
    req.on('data', (d) => m.body.push(d));
    req.on('end', () => {
      m.ended = true;
      res.end();
    });
    req.on('error', () => {});
  });
  // CONNECT and Upgrade requests: node hands the socket over after the head (no body).
  const tunnel = (req, sock) => {
    const st = seen.get(sock.remotePort);
    if (st && !st.message) {
      st.message = { method: req.method, url: Buffer.from(req.url, 'latin1').toString('hex'),
        version: req.httpVersion, raw_headers: rawHex(req.rawHeaders), body: [], ended: true,
        tunnel: true };
    }
    sock.destroy();
  };
  server.on('connect', tunnel);
  server.on('upgrade', tunnel);
  // A parse error: before the first message's head (a refusal), or while node reads its body
  // (node checks Transfer-Encoding only then: also a refusal), or in what follows a complete
  // message (the probe read as another request: not this case's concern).
  server.on('clientError', (err, sock) => {
    const st = seen.get(sock.remotePort);
    // The end of the input in the middle of a body is no refusal: the probe was too short.
    if (st && !st.error && err.code !== 'HPE_INVALID_EOF_STATE') {
      st.error = err.code || String(err);
      st.errorComplete = Boolean(st.req && st.req.complete);
    }
    sock.destroy();
  });
  return server;
}

function runRequest(port, c) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let local = null;
    let done = false;
    const finish = (why) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      // Let the server side's events that are already queued run first.
      setImmediate(() => {
        const st = seen.get(local) || { message: null, error: null };
        seen.delete(local);
        const failedInBody = st.error && st.message && !st.errorComplete && !st.message.tunnel;
        if (st.message && !failedInBody) {
          const m = st.message;
          m.ended = m.ended || Boolean(st.req && st.req.complete);
          resolve({ id: c.id, ok: true, method: m.method, url: m.url, version: m.version,
            raw_headers: m.raw_headers, body: hexOf(Buffer.concat(m.body)), ended: m.ended, tunnel: Boolean(m.tunnel) });
        } else {
          resolve({ id: c.id, ok: false, why: (failedInBody ? 'after head: ' : '') + (st.error || why) });
        }
      });
    };
    const timer = setTimeout(() => finish('timeout'), CASE_TIMEOUT_MS);
    sock.on('connect', () => {
      local = sock.localPort;
      sock.end(Buffer.from(c.hex, 'hex'));
    });
    sock.on('data', () => {});
    sock.on('error', () => finish('socket error'));
    sock.on('close', () => finish('closed without a message'));
  });
}

// ---- responses -------------------------------------------------------------------------
function responseServer(byId) {
  return net.createServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.setTimeout(CASE_TIMEOUT_MS, () => sock.destroy());
    sock.on('error', () => {});
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /^GET \/case\/(\d+) /.exec(buf.toString('latin1'));
      const c = m && byId.get(Number(m[1]));
      if (!c) {
        sock.destroy();
        return;
      }
      sock.end(Buffer.from(c.hex, 'hex'));
    });
  });
}

function runResponse(port, c) {
  return new Promise((resolve) => {
    let done = false;
    let got = null;
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    // (got.res, node's message, is not part of the result.)
    const fromGot = () => ({ id: c.id, ok: true, status: got.status, reason: got.reason,
      version: got.version, raw_headers: got.raw_headers, body: hexOf(Buffer.concat(got.body)),
      ended: got.ended, informational: got.informational });
    const timer = setTimeout(() => finish(got ? fromGot() : { id: c.id, ok: false, why: 'timeout' }),
      CASE_TIMEOUT_MS);
    const req = http.get({ host: '127.0.0.1', port, path: '/case/' + c.id, agent: false,
      insecureHTTPParser: false, headers: { host: 'example.com' } });
    req.on('information', (info) => {
      if (got) return;
      got = { status: info.statusCode, reason: Buffer.from(info.statusMessage, 'latin1').toString('hex'),
        version: info.httpVersion, raw_headers: rawHex(info.rawHeaders), body: [], ended: true,
        informational: true };
      finish(fromGot());
    });
    req.on('response', (res) => {
      got = { status: res.statusCode, reason: Buffer.from(res.statusMessage, 'latin1').toString('hex'),
        version: res.httpVersion, raw_headers: rawHex(res.rawHeaders), body: [], ended: false,
        informational: false, res };
      res.on('data', (d) => got.body.push(d));
      res.on('end', () => {
        got.ended = true;
        finish(fromGot());
      });
      // res.complete: node read the whole message (its own framing said where it ends).
      const later = () => setImmediate(() => {
        got.ended = got.ended || res.complete;
        finish(fromGot());
      });
      res.on('error', (err) => {
        // A parse error in the body (not a premature end) refuses the message.
        if (!res.complete && err.code && err.code.startsWith('HPE_')) {
          finish({ id: c.id, ok: false, why: 'after head: ' + err.code });
        }
        later();
      });
      res.on('aborted', later);
      res.on('close', later);
    });
    req.on('upgrade', (res, sock) => {
      got = { status: res.statusCode, reason: Buffer.from(res.statusMessage, 'latin1').toString('hex'),
        version: res.httpVersion, raw_headers: rawHex(res.rawHeaders), body: [], ended: true,
        informational: false, upgrade: true };
      sock.destroy();
      finish(fromGot());
    });
    req.on('error', (err) => {
      if (!got) {
        finish({ id: c.id, ok: false, why: err.code || String(err) });
      } else if (!got.ended && !(got.res && got.res.complete) && err.code && err.code.startsWith('HPE_')) {
        finish({ id: c.id, ok: false, why: 'after head: ' + err.code });
      }
    });
    // Without a message, the end of the request is a refusal; with one, the response's own
    // events (or the timeout) finish the case.
    req.on('close', () => setTimeout(() => {
      if (!got) finish({ id: c.id, ok: false, why: 'closed without a message' });
    }, 20));
  });
}

// ---- driver ----------------------------------------------------------------------------
async function pool(items, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

async function main() {
  const reqs = cases.filter((c) => c.kind === 'request');
  const resps = cases.filter((c) => c.kind === 'response');
  const rs = requestServer();
  const rsPort = await listen(rs);
  const out = await pool(reqs, (c) => runRequest(rsPort, c));
  rs.close();
  rs.closeAllConnections();
  const byId = new Map(resps.map((c) => [c.id, c]));
  const ps = responseServer(byId);
  const psPort = await listen(ps);
  out.push(...(await pool(resps, (c) => runResponse(psPort, c))));
  ps.close();
  out.sort((a, b) => a.id - b.id);
  fs.writeFileSync(outFile, out.map((o) => JSON.stringify(o)).join('\n') + '\n');
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
