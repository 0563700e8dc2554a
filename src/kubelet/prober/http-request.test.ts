import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, HTTPGetAction } from '../../api/types/core/v1/index.ts';
import { canonicalHeaderKey, httpProbeRequest, requestUrl } from './http-request.ts';
import { resolveContainerPort } from './port.ts';

const container: Container = {
  name: 'web', image: 'busybox',
  ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
};

test('probe ports resolve by number, by container port name, or by a name that is a number', () => {
  const cases: { port: number | string; want: number | string }[] = [
    { port: 80, want: 80 },
    { port: 'http', want: 8080 },
    { port: 'metrics', want: 9090 },
    { port: '8443', want: 8443 },
    { port: 'web', want: 'strconv.Atoi: parsing "web": invalid syntax' },
    { port: '99999999999999999999', want: 'strconv.Atoi: parsing "99999999999999999999": value out of range' },
    { port: 0, want: 'invalid port number: 0' },
    { port: 65536, want: 'invalid port number: 65536' },
    { port: '-1', want: 'invalid port number: -1' },
  ];
  for (const c of cases) {
    const got = resolveContainerPort(c.port, container);
    assert.deepEqual(got.ok ? got.value : got.error, c.want, String(c.port));
  }
});

test('httpGet requests are built as upstream builds them', () => {
  const cases: { name: string; action: HTTPGetAction; podIP?: string; url?: string; headers?: [string, string][]; host?: string; error?: string }[] = [
    {
      name: 'defaults: http, pod IP, path /, kube-probe user agent', action: { port: 'http' }, podIP: '10.244.243.7',
      url: 'http://10.244.243.7:8080/', headers: [['User-Agent', 'kube-probe/1.33'], ['Accept', '*/*']],
    },
    { name: 'scheme HTTPS, explicit host, path and query kept', action: { port: 443, scheme: 'HTTPS', host: 'example.test', path: '/healthz?verbose=1#frag' }, podIP: '10.0.0.1', url: 'https://example.test:443/healthz?verbose=1' },
    { name: 'a path without a slash gets one, spaces escaped', action: { port: 80, path: 'ready now' }, podIP: '10.0.0.1', url: 'http://10.0.0.1:80/ready%20now' },
    { name: 'IPv6 pod IPs are bracketed', action: { port: 80, path: '/x' }, podIP: 'fd00::5', url: 'http://[fd00::5]:80/x' },
    {
      name: 'custom headers canonicalized, repeated names kept, user agent and Accept overridable', podIP: '10.0.0.1',
      action: { port: 80, httpHeaders: [{ name: 'x-custom', value: 'a' }, { name: 'X-CUSTOM', value: 'b' }, { name: 'user-agent', value: 'mine' }, { name: 'accept', value: 'application/json' }] },
      headers: [['X-Custom', 'a'], ['X-Custom', 'b'], ['User-Agent', 'mine'], ['Accept', 'application/json']],
    },
    {
      name: 'an empty Accept removes it; an empty User-Agent sends none', podIP: '10.0.0.1',
      action: { port: 80, httpHeaders: [{ name: 'Accept', value: '' }, { name: 'User-Agent', value: '' }] }, headers: [],
    },
    { name: 'a Host header overrides the request host', podIP: '10.0.0.1', action: { port: 80, httpHeaders: [{ name: 'host', value: 'svc.example' }] }, host: 'svc.example' },
    { name: 'no pod IP and no host', action: { port: 80 }, error: 'the pod has no IP address yet' },
    { name: 'unknown port name', action: { port: 'admin' }, podIP: '10.0.0.1', error: 'strconv.Atoi: parsing "admin": invalid syntax' },
  ];
  for (const c of cases) {
    const got = httpProbeRequest(c.action, container, c.podIP);
    if (c.error !== undefined) {
      assert.deepEqual(got, { ok: false, error: c.error }, c.name);
      continue;
    }
    assert.ok(got.ok, c.name);
    if (c.url !== undefined) assert.equal(requestUrl(got.value), c.url, c.name);
    if (c.headers !== undefined) assert.deepEqual(got.value.headers, c.headers, c.name);
    assert.equal(got.value.hostHeader, c.host, c.name);
  }
});

test('header names are canonicalized as Go does', () => {
  const cases: [string, string][] = [['x-custom-header', 'X-Custom-Header'], ['ACCEPT', 'Accept'], ['www-authenticate', 'Www-Authenticate'], ['bad name', 'bad name']];
  for (const [name, want] of cases) assert.equal(canonicalHeaderKey(name), want);
});
