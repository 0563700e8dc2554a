// Test support: an ApiServer on 127.0.0.1 with a fresh CA, and clients over both protocols.

import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { createCertificateAuthority, issueCertificate, type CertAndKey } from '../../client/pki/authority.ts';
import { ApiServer, type ApiServerOptions } from './server.ts';

export interface TestPki {
  readonly ca: CertAndKey;
  readonly serving: CertAndKey;
  readonly admin: CertAndKey;
  /** Signed by another CA: the server must refuse it. */
  readonly stranger: CertAndKey;
}

let shared: TestPki | undefined;

export function testPki(): TestPki {
  if (shared !== undefined) return shared;
  const ca = createCertificateAuthority('test-ca');
  shared = {
    ca,
    serving: issueCertificate(ca, { commonName: 'kube-apiserver', usage: 'server', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }),
    admin: issueCertificate(ca, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' }),
    stranger: issueCertificate(createCertificateAuthority('other-ca'), { commonName: 'mallory', usage: 'client' }),
  };
  return shared;
}

export interface RunningServer {
  readonly server: ApiServer;
  readonly port: number;
  readonly url: string;
  /** Aborts run() and waits for it to return. */
  stop(): Promise<void>;
}

export async function startServer(options: Omit<ApiServerOptions, 'tls' | 'host' | 'port'>): Promise<RunningServer> {
  const pki = testPki();
  const server = new ApiServer({
    ...options,
    host: '127.0.0.1',
    port: 0,
    tls: { certPem: pki.serving.certPem, keyPem: pki.serving.keyPem, clientCaPem: pki.ca.certPem },
  });
  const controller = new AbortController();
  const running = server.run(controller.signal);
  const { port } = await server.listening;
  return {
    server,
    port,
    url: `https://127.0.0.1:${port}`,
    stop: async () => {
      controller.abort();
      await running;
    },
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface RequestOptions {
  readonly method?: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** The client certificate to present; none by default. */
  readonly identity?: CertAndKey;
}

/** One HTTP/2 request on its own session. */
export async function h2request(port: number, path: string, o: RequestOptions = {}): Promise<Reply> {
  const session = http2.connect(`https://127.0.0.1:${port}`, { ca: testPki().ca.certPem, ...(o.identity === undefined ? {} : { cert: o.identity.certPem, key: o.identity.keyPem }) });
  session.on('error', () => undefined);
  try {
    const stream = session.request({ ':method': o.method ?? 'GET', ':path': path, ...o.headers });
    stream.end(o.body);
    const [headers] = (await once(stream, 'response')) as [http2.IncomingHttpHeaders];
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { status: Number(headers[':status']), headers, body: Buffer.concat(chunks).toString('utf8') };
  } finally {
    session.close();
  }
}

/** One HTTP/1.1 request on its own connection. */
export async function h1request(port: number, path: string, o: RequestOptions = {}): Promise<Reply> {
  const req = https.request({
    host: '127.0.0.1',
    port,
    path,
    method: o.method ?? 'GET',
    headers: o.headers,
    ca: testPki().ca.certPem,
    agent: false,
    ...(o.identity === undefined ? {} : { cert: o.identity.certPem, key: o.identity.keyPem }),
  });
  req.end(o.body);
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}
