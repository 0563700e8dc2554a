// The simulated kubelet end to end against a real `k8ts server` (no scheduler, no controllers):
// pods bound to two simulated nodes run, complete, fail to pull, wait for their volumes, are
// probed and deleted as the command language and the kubelet's pod workers say.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import type { ConfigMap, Event, Node, Pod } from '../../api/types/core/v1/index.ts';
import { RestClient } from '../../client/rest/client.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { cidrContains, parseIpv4Cidr } from './ip-pool.ts';
import { Simulator } from './simulator.ts';

const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
const CONFIGMAPS: ResourceType = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const EVENTS: ResourceType = { group: '', version: 'v1', resource: 'events', namespaced: true };
const NODE_CIDR = '10.200.1.0/24';

let server: TestServer;
let client: RestClient;
const stop = new AbortController();
let running: Promise<void>;
const before_ = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('k8ts-simulate-')));

before(async () => {
  server = await TestServer.start(['--disable', 'scheduler,controller-manager']);
  client = new RestClient(await loadKubeconfig(server.kubeconfig));
  // As node IPAM would: sim-0 has a pod CIDR before its kubelet starts.
  await client.resource<Node>(NODES).create({ metadata: { name: 'sim-0' }, spec: { podCIDR: NODE_CIDR, podCIDRs: [NODE_CIDR] } });
  running = new Simulator({ client, nodeNames: ['sim-0', 'sim-1'], unpullableImages: /nothing/, log: () => undefined }).run(stop.signal);
});

after(async () => {
  stop.abort();
  await running;
  client?.close();
  await server?.stop();
});

const pods = (): ReturnType<RestClient['resource']> => client.resource<Pod>(PODS).namespace('default');

async function until<T>(what: string, get: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const pod = (name: string, node: string, spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  metadata: { name }, spec: { nodeName: node, terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox:1.36' }], ...spec },
});
const get = async (name: string): Promise<Pod | undefined> => (await pods().get(name)) as Pod;
const phase = (name: string, want: string) => async (): Promise<Pod | undefined> => { const p = await get(name); return p?.status?.phase === want ? p : undefined; };
const events = async (name: string): Promise<Event[]> =>
  ((await client.resource<Event>(EVENTS).namespace('default').list({ fieldSelector: `involvedObject.name=${name}` })).items);

test('a plain image runs Ready with an IP from the node\'s pod CIDR; deleting it ends it at once', async () => {
  await pods().create(pod('plain', 'sim-0'));
  const p = await until('plain Running', phase('plain', 'Running'));
  assert.ok(cidrContains(parseIpv4Cidr(NODE_CIDR) ?? assert.fail(), p.status?.podIP ?? ''), `${p.status?.podIP} in ${NODE_CIDR}`);
  assert.equal(p.status?.hostIP, (await client.resource<Node>(NODES).get('sim-0')).status?.addresses?.[0]?.address);
  await until('Ready', async () => ((await get('plain'))?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? true : undefined));
  const reasons = (await events('plain')).map((e) => e.reason);
  for (const r of ['Pulling', 'Pulled', 'Created', 'Started']) assert.ok(reasons.includes(r), `${r} in ${reasons.join(',')}`);
  const t0 = Date.now();
  await pods().delete('plain');
  await until('plain gone', async () => ((await pods().list()).items.some((x) => x.metadata?.name === 'plain') ? undefined : true));
  assert.ok(Date.now() - t0 < 10_000, 'the image\'s default process exits on SIGTERM');
});

test('commands decide: exit 0 Succeeds, sleep 2 exits after 2 s, exit 3 Fails', async () => {
  await pods().create(pod('job', 'sim-1', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 0'] }] }));
  await pods().create(pod('nap', 'sim-1', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '2'] }] }));
  await pods().create(pod('bad', 'sim-1', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }] }));
  const job = await until('job Succeeded', phase('job', 'Succeeded'));
  assert.equal(job.status?.containerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
  const nap = await until('nap Running', phase('nap', 'Running'));
  const done = await until('nap Succeeded', phase('nap', 'Succeeded'));
  const ran = Date.parse(done.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? '') - Date.parse(nap.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? '');
  assert.ok(ran >= 1000 && ran <= 4000, `slept ${ran} ms`);
  const bad = await until('bad Failed', phase('bad', 'Failed'));
  assert.equal(bad.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, 3);
});

test('--unpullable-images: a matching image is ErrImagePull', async () => {
  await pods().create(pod('pull', 'sim-0', { containers: [{ name: 'c', image: 'example.com/nothing:1' }] }));
  const p = await until('ErrImagePull', async () => {
    const x = await get('pull');
    const reason = x?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
    return reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? x : undefined;
  });
  assert.equal(p.status?.phase, 'Pending');
});

test('a configMap volume waits for its ConfigMap (FailedMount); optional ones do not', async () => {
  const volumes = [{ name: 'cfg', configMap: { name: 'later' } }, { name: 'opt', secret: { secretName: 'never', optional: true } }];
  await pods().create(pod('vol', 'sim-0', { volumes }));
  await until('FailedMount', async () => ((await events('vol')).find((e) => e.reason === 'FailedMount' && /configmap "later" not found/.test(e.message ?? ''))));
  assert.equal((await get('vol'))?.status?.phase, 'Pending');
  await client.resource<ConfigMap>(CONFIGMAPS).namespace('default').create({ metadata: { name: 'later' }, data: { a: 'b' } });
  await until('vol Running', phase('vol', 'Running'), 60_000);
});

test('probes: httpGet readiness succeeds, a failing exec readiness probe keeps the pod not Ready', async () => {
  const probe = (handler: object): object => ({ ...handler, periodSeconds: 1 });
  await pods().create(pod('web', 'sim-1', { containers: [{ name: 'c', image: 'nginx', readinessProbe: probe({ httpGet: { path: '/', port: 80 } }) as never }] }));
  await pods().create(pod('sick', 'sim-1', { containers: [{ name: 'c', image: 'nginx', readinessProbe: probe({ exec: { command: ['sh', '-c', 'exit 1'] } }) as never }] }));
  await until('web Ready', async () => ((await get('web'))?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? true : undefined));
  await until('sick Unhealthy event', async () => ((await events('sick')).find((e) => e.reason === 'Unhealthy')));
  const sick = await get('sick');
  assert.equal(sick?.status?.phase, 'Running');
  assert.equal(sick?.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
});

test('sim-1 without a pod CIDR uses its fallback range after the wait; the temp dir goes on exit', { timeout: 60_000 }, async () => {
  await pods().create(pod('late', 'sim-1'));
  const p = await until('late Running', phase('late', 'Running'));
  assert.match(p.status?.podIP ?? '', /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./);
  // A pod whose command ignores SIGTERM, in the middle of a 60 s grace period: shutting down does not wait for it.
  await pods().create(pod('stubborn', 'sim-1', { terminationGracePeriodSeconds: 60, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  await until('stubborn Running', phase('stubborn', 'Running'));
  await pods().delete('stubborn');
  await until('Killing', async () => ((await events('stubborn')).find((e) => e.reason === 'Killing')));
  const t0 = Date.now();
  stop.abort();
  await running;
  assert.ok(Date.now() - t0 < 3000, `stopped in ${Date.now() - t0} ms`);
  const left = readdirSync(tmpdir()).filter((f) => f.startsWith('k8ts-simulate-') && !before_.has(f));
  assert.deepEqual(left, [], 'the per-process directory is removed');
});
