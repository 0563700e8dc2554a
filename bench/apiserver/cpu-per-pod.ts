// Server CPU per write of a pod's life, the writes the scheduler, the kubelet and controllers
// make for every pod: create, binding (pods/binding), the Scheduled event, the kubelet's status
// patch (strategic merge on pods/status), and the delete. As cpu-per-op.ts, CPU time instead of
// latency, so builds compare on a busy machine.
//
//   node --import tsx bench/apiserver/cpu-per-pod.ts [--pods N] [--server-cpu-prof DIR] [--backend sqlite|etcd]
//
// The server runs without its scheduler and controller-manager (this bench plays their part),
// and without an agent; nodes need not exist for a binding. Prints one Markdown table.

import { expectStatus } from './client.ts';
import { cpuMsPerCall, waitForSettled } from './cpu.ts';
import { backendOf, cpuProfileArgs, startOn } from './server-process.ts';
import { createNamespace, pod, podsPath, SessionPool } from './workload.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const PODS = Number(flag('--pods') ?? 3000);
const CLIENTS = 16;
const NAMESPACE = 'pods';
const profileDir = flag('--server-cpu-prof');
const backend = backendOf(flag('--backend'));
const STRATEGIC = 'application/strategic-merge-patch+json';

/** The Scheduled event the scheduler records for pod `i` (core/v1, as its recorder writes). */
function scheduledEvent(i: number): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Event', metadata: { name: `pod-${i}.scheduled`, namespace: NAMESPACE },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: NAMESPACE, name: `pod-${i}` },
    reason: 'Scheduled', message: `Successfully assigned ${NAMESPACE}/pod-${i} to node-${i % 100}`, type: 'Normal',
    source: { component: 'default-scheduler' }, firstTimestamp: now, lastTimestamp: now, count: 1,
    reportingComponent: 'default-scheduler', reportingInstance: '',
  });
}

/** The kubelet's status patch of a pod that started: phase, conditions, IPs, one container running. */
function runningStatus(i: number): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const ip = `10.42.${(i >> 8) & 255}.${i & 255}`;
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
  return JSON.stringify({
    status: {
      phase: 'Running', hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], podIP: ip, podIPs: [{ ip }], startTime: now,
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'].map(condition),
      containerStatuses: [{
        name: 'main', image: 'busybox', imageID: 'sha256:0', containerID: `containerd://${i}`, ready: true, started: true, restartCount: 0,
        state: { running: { startedAt: now } },
      }],
    },
  });
}

const running = await startOn(backend, { nodeArgs: cpuProfileArgs(profileDir), serverArgs: ['--disable', 'scheduler,controller-manager'] });
const { server } = running;
try {
  const pool = await SessionPool.open(server.credentials, 4);
  try {
    await createNamespace(pool.for(0), NAMESPACE);
    const pid = server.pid;
    await waitForSettled([pid], 0.05, 30_000);
    const path = (i: number, sub = ''): string => `${podsPath(NAMESPACE)}/pod-${i}${sub}`;
    const rows: Array<[string, number]> = [];
    const measure = async (phase: string, body: (client: number, i: number) => Promise<void>): Promise<void> => {
      rows.push([phase, await cpuMsPerCall(pid, PODS, CLIENTS, body)]);
      await waitForSettled([pid], 0.05, 30_000);
    };
    await measure('create Pod', async (c, i) => {
      expectStatus(await pool.for(c).request('POST', podsPath(NAMESPACE), pod(`pod-${i}`)), `create pod-${i}`, 201);
    });
    await measure('bind (pods/binding)', async (c, i) => {
      const binding = JSON.stringify({ apiVersion: 'v1', kind: 'Binding', metadata: { name: `pod-${i}` }, target: { apiVersion: 'v1', kind: 'Node', name: `node-${i % 100}` } });
      expectStatus(await pool.for(c).request('POST', path(i, '/binding'), binding), `bind pod-${i}`, 201);
    });
    await measure('create Event (Scheduled)', async (c, i) => {
      expectStatus(await pool.for(c).request('POST', `/api/v1/namespaces/${NAMESPACE}/events`, scheduledEvent(i)), `event pod-${i}`, 201);
    });
    await measure('status patch (kubelet, strategic merge)', async (c, i) => {
      expectStatus(await pool.for(c).request('PATCH', path(i, '/status'), runningStatus(i), STRATEGIC), `status pod-${i}`, 200);
    });
    await measure('delete Pod (grace 0)', async (c, i) => {
      expectStatus(await pool.for(c).request('DELETE', `${path(i)}?gracePeriodSeconds=0`), `delete pod-${i}`, 200);
    });
    const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
    const lines = [`| write (${PODS} each, ${CLIENTS} clients, ${backend}) | server CPU ms / request |`, '|---|---:|'];
    for (const [phase, ms] of rows) lines.push(`| ${phase} | ${ms.toFixed(3)} |`);
    lines.push(`| **all five, per pod** | **${total.toFixed(3)}** |`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await pool.close();
  }
} finally {
  await running.stop();
}
