import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { alreadyExists, notFound } from '../../api/status.ts';
import type { Lease } from '../../api/types/coordination/v1/index.ts';
import type { Node, NodeStatus } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { stampConditions, readyCondition } from './conditions.ts';
import { NodeHeartbeat } from './heartbeat.ts';
import { initialNode } from './node-object.ts';

/** Just enough of the API for nodes and leases, recording every write. */
function fakeApi(existing?: Node): { client: RestClient; nodes: Map<string, Node>; leases: Map<string, Lease>; writes: string[] } {
  const nodes = new Map<string, Node>(existing === undefined ? [] : [[existing.metadata?.name ?? '', existing]]);
  const leases = new Map<string, Lease>();
  const writes: string[] = [];
  const nodeApi = {
    create: async (n: Node) => {
      const name = n.metadata?.name ?? '';
      if (nodes.has(name)) throw alreadyExists({ group: '', resource: 'nodes' }, name);
      nodes.set(name, { ...n, metadata: { ...n.metadata, uid: 'uid-1' } });
      writes.push('create node');
      return nodes.get(name);
    },
    get: async (name: string) => {
      const n = nodes.get(name);
      if (n === undefined) throw notFound({ group: '', resource: 'nodes' }, name);
      return n;
    },
    patch: async (name: string, _type: string, body: { metadata?: { labels?: Record<string, string> }; status?: NodeStatus }) => {
      const n = nodes.get(name) as Node;
      const next: Node = body.status !== undefined
        ? { ...n, status: { ...n.status, ...body.status } }
        : { ...n, metadata: { ...n.metadata, labels: { ...n.metadata?.labels, ...body.metadata?.labels } } };
      nodes.set(name, next);
      writes.push(body.status !== undefined ? 'post status' : 'patch labels');
      return next;
    },
  };
  const leaseApi = {
    get: async (name: string) => {
      const l = leases.get(name);
      if (l === undefined) throw notFound({ group: 'coordination.k8s.io', resource: 'leases' }, name);
      return l;
    },
    create: async (l: Lease) => {
      leases.set(l.metadata?.name ?? '', l);
      writes.push('create lease');
      return l;
    },
    update: async (l: Lease) => {
      leases.set(l.metadata?.name ?? '', l);
      writes.push('renew lease');
      return l;
    },
  };
  const client = {
    resource: (type: { resource: string }) => (type.resource === 'nodes' ? nodeApi : { namespace: () => leaseApi }),
  } as unknown as RestClient;
  return { client, nodes, leases, writes };
}

/** Lets the heartbeat's promise chains run after a timer fired. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const node = initialNode({ name: 'n1', architecture: 'amd64', extraLabels: { 'node-role.kubernetes.io/control-plane': 'true' } });

test('registration creates the node, posts its status and creates its lease owned by the node', async () => {
  const clock = new FakeClock();
  const api = fakeApi();
  const hb = new NodeHeartbeat({ client: api.client, clock, initialNode: node, log: () => undefined, status: (cur, now) => ({ conditions: stampConditions([readyCondition([])], cur?.status?.conditions, now) }) });
  await hb.register(new AbortController().signal);
  assert.deepEqual(api.writes, ['create node', 'post status', 'create lease']);
  assert.equal(api.nodes.get('n1')?.metadata?.labels?.['node-role.kubernetes.io/control-plane'], 'true');
  const lease = api.leases.get('n1');
  assert.equal(lease?.spec?.leaseDurationSeconds, 40);
  assert.deepEqual(lease?.metadata?.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'uid-1' }]);
});

test('an existing node is adopted and given the labels it lacks', async () => {
  const api = fakeApi({ metadata: { name: 'n1', uid: 'old', labels: { 'kubernetes.io/hostname': 'n1' } } });
  const hb = new NodeHeartbeat({ client: api.client, clock: new FakeClock(), initialNode: node, log: () => undefined, status: () => ({}) });
  await hb.register(new AbortController().signal);
  assert.deepEqual(api.writes, ['patch labels', 'post status', 'create lease']);
  assert.equal(api.nodes.get('n1')?.metadata?.labels?.['kubernetes.io/arch'], 'amd64');
});

test('heartbeats: the lease every 10 s, the status only on change and every 5 minutes', async () => {
  const clock = new FakeClock();
  const api = fakeApi();
  let problems: string[] = [];
  const hb = new NodeHeartbeat({ client: api.client, clock, initialNode: node, log: () => undefined,
    status: (cur, now) => ({ conditions: stampConditions([readyCondition(problems)], cur?.status?.conditions, now) }) });
  const stop = new AbortController();
  await hb.register(stop.signal);
  api.writes.length = 0;
  const timer = hb.start(10_000, stop.signal);
  const beat = async (ms: number): Promise<string[]> => {
    clock.advance(ms);
    await settle();
    return api.writes.splice(0);
  };
  assert.deepEqual(await beat(9_999), [], 'nothing before the first 10 s');
  assert.deepEqual(await beat(1), ['renew lease'], 'unchanged status is not posted');
  assert.equal(api.leases.get('n1')?.spec?.renewTime, '2026-01-01T00:00:10.000000Z');
  problems = ['container runtime is down'];
  assert.deepEqual(await beat(10_000), ['renew lease', 'post status'], 'a change is posted at once');
  assert.equal(api.nodes.get('n1')?.status?.conditions?.[0]?.status, 'False');
  let posts = 0;
  for (let i = 0; i < 30; i++) posts += (await beat(10_000)).filter((w) => w === 'post status').length;
  assert.equal(posts, 1, 'one report in the 5 minutes that followed');
  timer.cancel();
  stop.abort();
  assert.deepEqual(await beat(60_000), [], 'nothing after cancel');
});
