// End to end against a real `k8ts server`: `k8ts simulate` processes as the nodes, and this
// package's controllers (node IPAM, node lifecycle with taint eviction, service accounts, the
// root CA publisher, pod GC) running in the test process with short timings.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { after, before, test } from 'node:test';
import { realClock } from '../../api/clock.ts';
import type { ConfigMap, Node, Pod, ServiceAccount } from '../../api/types/core/v1/index.ts';
import { SharedInformerFactory } from '../../client/informers/factory.ts';
import { RestClient } from '../../client/rest/client.ts';
import { withUserAgent } from '../../client/rest/config.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerContext } from '../controller.ts';
import { nodeIpamController } from '../nodeipam/index.ts';
import { podGcControllerWith } from '../podgc/index.ts';
import { rootCaConfigMapController, serviceAccountController } from '../serviceaccount/index.ts';
import { nodeLifecycleController } from './index.ts';
import { NODES, PODS } from './resources.ts';

const root = new URL('../../..', import.meta.url).pathname;
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
let server: TestServer;
let client: RestClient;
const stop = new AbortController();
setMaxListeners(0, stop.signal);
const children: ChildProcess[] = [];
let runs: Promise<void>[] = [];

function simulate(prefix: string, nodes: number): ChildProcess {
  const child = spawn(process.execPath, [`${root}bin/k8ts.js`, 'simulate', '--kubeconfig', server.kubeconfig, '--nodes', String(nodes),
    '--name-prefix', prefix, '--node-lease-duration-seconds', '4'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => { log += d; if (process.env['K8TS_E2E_VERBOSE']) process.stderr.write(d); });
  child.once('exit', (code) => { if (code !== 0 && code !== null) process.stderr.write(`simulate ${prefix} exited ${code}:\n${log}\n`); });
  children.push(child);
  return child;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const nodes = (): Promise<Node[]> => client.resource<Node>(NODES).list().then((l) => l.items);
const ready = (node: Node): string | undefined => node.status?.conditions?.find((c) => c.type === 'Ready')?.status;

before(async () => {
  server = await TestServer.start();
  client = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'k8ts-controller-manager-test'));
  const informers = new SharedInformerFactory(client);
  const context: ControllerContext = {
    client, informers, clock: realClock,
    options: { ...DEFAULT_CONTROLLER_OPTIONS, nodeMonitorGracePeriodMs: 3000, nodeMonitorPeriodMs: 500 },
  };
  const controllers = [nodeIpamController, nodeLifecycleController, serviceAccountController, rootCaConfigMapController,
    podGcControllerWith({ periodMs: 500, quarantineMs: 2000 })].map((factory) => factory(context));
  informers.start(stop.signal);
  runs = [...controllers.map((c) => c.run(stop.signal)), informers.shutdown()];
  simulate('sim', 3);
});

after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  stop.abort();
  await Promise.allSettled(runs);
  client?.close();
  await server?.stop();
});

test('k8ts simulate registers 3 Ready nodes that kubectl shows', async () => {
  await eventually('3 Ready nodes', async () => {
    const out = await server.kubectl('1.33', ['get', 'nodes', '--no-headers']);
    const rows = out.stdout.split('\n').filter((l) => /^sim-\d\s+Ready\s/.test(l));
    return rows.length === 3 ? rows : undefined;
  });
  const node = (await nodes()).find((n) => n.metadata?.name === 'sim-0');
  assert.equal(node?.status?.capacity?.['cpu'], '4');
  assert.equal(node?.metadata?.labels?.['kubernetes.io/os'], 'linux');
  assert.match(node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '', /^127\./);
});

test('node IPAM gives each node a distinct /24 of the cluster CIDR', async () => {
  const cidrs = await eventually('pod CIDRs', async () => {
    const all = (await nodes()).map((n) => n.spec?.podCIDR ?? '');
    return all.length === 3 && all.every((c) => c !== '') ? all : undefined;
  });
  assert.equal(new Set(cidrs).size, 3);
  for (const cidr of cidrs) assert.match(cidr, /^10\.42\.\d+\.0\/24$/);
  const node = (await nodes())[0];
  assert.deepEqual(node?.spec?.podCIDRs, [node?.spec?.podCIDR]);
});

test('a new namespace gets a default ServiceAccount and kube-root-ca.crt', async () => {
  await client.resource(NAMESPACES).create({ metadata: { name: 'fresh' } });
  await eventually('default SA', () => client.resource<ServiceAccount>({ group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true })
    .namespace('fresh').get('default'));
  const cm = await eventually('root CA', () => client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps', namespaced: true })
    .namespace('fresh').get('kube-root-ca.crt'));
  assert.equal(cm.data?.['ca.crt'], client.config.caData);
  assert.match(cm.data?.['ca.crt'] ?? '', /BEGIN CERTIFICATE/);
  // Deleted or edited, both come back.
  const sas = client.resource<ServiceAccount>({ group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true }).namespace('fresh');
  const before = await sas.get('default');
  await sas.delete('default');
  await eventually('default SA recreated', async () => {
    const sa = await sas.get('default');
    return sa.metadata?.uid !== before.metadata?.uid ? sa : undefined;
  });
  const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps', namespaced: true }).namespace('fresh');
  await cms.update({ ...cm, data: { 'ca.crt': 'tampered' } });
  await eventually('root CA restored', async () => ((await cms.get('kube-root-ca.crt')).data?.['ca.crt'] === client.config.caData ? true : undefined));
});

test('pod GC removes a pod bound to a node that does not exist, after the quarantine', async () => {
  const pods = client.resource<Pod>(PODS).namespace('default');
  await pods.create({ metadata: { name: 'orphan' }, spec: { nodeName: 'ghost', containers: [{ name: 'c', image: 'busybox:1.36' }] } });
  await eventually('orphan deleted', async () => {
    try {
      await pods.get('orphan');
      return undefined;
    } catch {
      return true;
    }
  });
});

test('a pod bound to a node becomes Running with an IP from the node\'s pod CIDR', async () => {
  const pods = client.resource<Pod>(PODS).namespace('default');
  await pods.create({ metadata: { name: 'web' }, spec: { nodeName: 'sim-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  const pod = await eventually('web Running', async () => {
    const p = await pods.get('web');
    return p.status?.phase === 'Running' ? p : undefined;
  });
  const cidr = (await client.resource<Node>(NODES).get('sim-1')).spec?.podCIDR ?? '';
  const prefix = cidr.replace(/\.0\/24$/, '.');
  assert.ok(pod.status?.podIP?.startsWith(prefix), `${pod.status?.podIP} in ${cidr}`);
  assert.equal(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  assert.equal(pod.status?.containerStatuses?.[0]?.ready, true);
  const job = await pods.create({ metadata: { name: 'once' }, spec: { nodeName: 'sim-2', restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] } });
  assert.ok(job.metadata?.uid);
  await eventually('once Succeeded', async () => ((await pods.get('once')).status?.phase === 'Succeeded' ? true : undefined));
});

test('a killed node goes Unknown, is tainted, and a pod tolerating it for 2 s is evicted', async () => {
  const victim = simulate('victim', 1);
  await eventually('victim-0 Ready', async () => ((await nodes()).some((n) => n.metadata?.name === 'victim-0' && ready(n) === 'True') ? true : undefined));
  const pods = client.resource<Pod>(PODS).namespace('default');
  await pods.create({ metadata: { name: 'doomed' }, spec: {
    nodeName: 'victim-0', terminationGracePeriodSeconds: 1,
    tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 2 }],
    containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }],
  } });
  // A pod with the API server's default 300 s tolerations stays, but is marked not Ready.
  await pods.create({ metadata: { name: 'patient' }, spec: { nodeName: 'victim-0', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });
  await eventually('doomed Running', async () => ((await pods.get('doomed')).status?.phase === 'Running' ? true : undefined));
  await eventually('patient Running', async () => ((await pods.get('patient')).status?.phase === 'Running' ? true : undefined));
  victim.kill('SIGKILL');
  const node = await eventually('victim-0 Unknown and tainted', async () => {
    const n = await client.resource<Node>(NODES).get('victim-0');
    const taints = (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
    return ready(n) === 'Unknown' && taints.length === 2 ? n : undefined;
  });
  const readyCondition = node.status?.conditions?.find((c) => c.type === 'Ready');
  assert.equal(readyCondition?.reason, 'NodeStatusUnknown');
  assert.equal(readyCondition?.message, 'Kubelet stopped posting node status.');
  assert.deepEqual((node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort(),
    ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  await eventually('doomed deleted', async () => {
    try {
      await pods.get('doomed');
      return undefined;
    } catch {
      return true;
    }
  });
  const patient = await pods.get('patient');
  assert.equal(patient.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  assert.equal(patient.metadata?.deletionTimestamp, undefined);
  // The healthy nodes are untouched and their pod still runs.
  assert.equal((await nodes()).filter((n) => n.metadata?.name?.startsWith('sim-') && ready(n) === 'True').length, 3);
  assert.equal((await pods.get('web')).status?.phase, 'Running');
});

test('a node that comes back is Ready and untainted again, and its pods Ready', async () => {
  simulate('victim', 1);
  await eventually('victim-0 back', async () => {
    const n = await client.resource<Node>(NODES).get('victim-0');
    return ready(n) === 'True' && (n.spec?.taints ?? []).length === 0 ? true : undefined;
  });
  const pods = client.resource<Pod>(PODS).namespace('default');
  await eventually('patient Ready', async () => ((await pods.get('patient')).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? true : undefined));
});
