// The httpGet handler, with upstream's semantics (pkg/probe/http): one connection per attempt
// (no keep-alive, no proxy, certificates not verified), a 200–399 answer is success, 3xx that
// was not followed a warning, anything else a failure "HTTP probe failed with statuscode: N".
// Redirects are followed only to the same host name (at most 10 requests); a redirect elsewhere
// ends the probe with that 3xx answer. The body is read up to 10 KiB for the message. One
// deadline on the injected clock covers connecting, redirects and the body.

import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Clock } from '../../api/clock.ts';
import { goQuote } from '../../api/go-format.ts';
import { Deadline } from './deadline.ts';
import { requestUrl, type HttpProbeRequest } from './http-request.ts';
import { dialError, isDialError, readError } from './net-errors.ts';
import { errored, failure, joinHostPort, MAX_OUTPUT_BYTES, success, warning, type ProbeOutcome } from './outcome.ts';

/** Go's client stops after this many requests in one redirect chain. */
const MAX_REQUESTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface HttpProbeOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Aborted when the worker stops: the socket is closed and the outcome discarded. */
  readonly signal: AbortSignal;
}

interface Target {
  readonly req: HttpProbeRequest;
  /** For messages: the URL as the request was made. */
  readonly display: string;
}

export async function httpProbe(first: HttpProbeRequest, o: HttpProbeOptions): Promise<ProbeOutcome> {
  const deadline = new Deadline(o.clock, o.timeoutMs, o.signal);
  let target: Target = { req: first, display: requestUrl(first) };
  let referer: string | undefined;
  try {
    // Bounded: each pass sends one request, and the tenth redirect ends the chain.
    for (let sent = 1; sent <= MAX_REQUESTS; sent++) {
      let res: IncomingMessage;
      try {
        res = await send(target.req, referer, deadline.signal);
      } catch (err) {
        if (deadline.expired) return failure(`Get ${goQuote(target.display)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
        if (deadline.signal.aborted) return errored('probe cancelled');
        const addr = joinHostPort(target.req.host, target.req.port);
        return failure(`Get ${goQuote(target.display)}: ${isDialError(err) ? dialError(addr, err) : readError(err)}`);
      }
      const code = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(code) && location !== undefined && location !== '') {
        const next = redirectTarget(first, target, location);
        if (next === undefined) {
          res.destroy();
          return failure(`Get ${goQuote(target.display)}: failed to parse Location header ${goQuote(location)}: not a URL`);
        }
        // A redirect to another host is not followed: the 3xx answer itself is the result.
        if (next.req.host.toLowerCase() !== first.host.toLowerCase()) return await evaluate(res, deadline);
        res.destroy();
        if (sent >= MAX_REQUESTS) return failure(`Get ${goQuote(location)}: stopped after ${MAX_REQUESTS} redirects`);
        if (!(target.req.scheme === 'https' && next.req.scheme === 'http')) referer = target.display;
        target = next;
        continue;
      }
      return await evaluate(res, deadline);
    }
    return errored('redirect chain did not end');
  } finally {
    deadline.dispose();
  }
}

async function evaluate(res: IncomingMessage, deadline: Deadline): Promise<ProbeOutcome> {
  let body: string;
  try {
    body = await readAtMost(res, MAX_OUTPUT_BYTES, deadline.signal);
  } catch (err) {
    if (deadline.expired) return errored('context deadline exceeded (Client.Timeout or context cancellation while reading body)', 'failure');
    return errored(deadline.signal.aborted ? 'probe cancelled' : readError(err), 'failure');
  }
  const code = res.statusCode ?? 0;
  if (code >= 200 && code < 400) {
    return code >= 300 ? warning(`Probe terminated redirects, Response body: ${body}`) : success(body);
  }
  return failure(`HTTP probe failed with statuscode: ${code}`);
}

/** The next request of a redirect chain, or undefined when Location is not a URL. */
function redirectTarget(first: HttpProbeRequest, current: Target, location: string): Target | undefined {
  let url: URL;
  try {
    url = new URL(location, current.display);
  } catch {
    return undefined;
  }
  const scheme = url.protocol === 'https:' ? 'https' : url.protocol === 'http:' ? 'http' : undefined;
  if (scheme === undefined) return undefined;
  const port = url.port !== '' ? Number(url.port) : scheme === 'https' ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // Go keeps a custom Host header through a redirect only when Location is relative.
  const relative = !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(location) && !location.startsWith('//');
  const req: HttpProbeRequest = {
    scheme, host, port, path: url.pathname + url.search, headers: first.headers,
    hostHeader: relative ? current.req.hostHeader : undefined,
  };
  return { req, display: url.href };
}

function send(r: HttpProbeRequest, referer: string | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of r.headers) {
    const had = headers[name];
    headers[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [String(had)]), value];
  }
  if (referer !== undefined) headers['Referer'] = referer;
  if (r.hostHeader !== undefined) headers['Host'] = r.hostHeader;
  return new Promise((resolve, reject) => {
    let req: ClientRequest;
    const options = { host: r.host, port: r.port, path: r.path, method: 'GET', headers, agent: false as const, signal };
    try {
      req = r.scheme === 'https'
        ? httpsRequest({ ...options, rejectUnauthorized: false })
        : httpRequest(options);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    req.once('response', resolve);
    // Kept for the request's whole life: a late socket error must not go unhandled.
    req.on('error', reject);
    req.end();
  });
}

/** Reads at most `limit` bytes of the body, then closes the response. */
function readAtMost(res: IncomingMessage, limit: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const done = (err?: Error): void => {
      if (finished) return;
      finished = true;
      res.removeAllListeners('data');
      signal.removeEventListener('abort', onAbort);
      res.destroy();
      if (err !== undefined) reject(err);
      else resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8'));
    };
    const onAbort = (): void => done(new Error('aborted'));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) done();
    });
    res.once('end', () => done());
    res.on('error', (err) => done(err));
    res.once('aborted', () => done(new Error('unexpected EOF')));
  });
}
