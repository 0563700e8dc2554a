// Test fixture for the pod lifecycle: a real `k8ts server` (no scheduler, no controllers, no
// agent), a Node object for this test node, and a PodLifecycle over the in-memory runtime on a
// FakeClock, with small fakes of the VolumeManager and ProbeManager (seams.ts).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../api/clock.ts';
import type { Container, Event, Node, Pod } from '../../api/types/core/v1/index.ts';
import { RestClient } from '../../client/rest/client.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { FakeImageService } from '../fakeruntime/images.ts';
import { FakeRuntime } from '../fakeruntime/runtime.ts';
import { VolumeNotReadyError, type HostVolume, type ProbeManager, type ProbeState, type VolumeManager } from '../seams.ts';
import { PODS } from './api-sources.ts';
import { PodLifecycle } from './lifecycle.ts';

export const NODE = 'pods-test-node';
const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
const NAMESPACES: ResourceType = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
export const EVENTS: ResourceType = { group: '', version: 'v1', resource: 'events', namespaced: true };

/** Volumes as directories under a temp dir; names in `missing` are not ready. */
export class FakeVolumes implements VolumeManager {
  readonly root: string;
  readonly missing = new Set<string>();
  readonly tornDown: string[] = [];
  constructor(root: string) {
    this.root = root;
  }
  async setUpPod(pod: Pod): Promise<ReadonlyMap<string, HostVolume>> {
    const out = new Map<string, HostVolume>();
    for (const v of pod.spec?.volumes ?? []) {
      if (this.missing.has(v.name)) throw new VolumeNotReadyError(v.name, `configmap "${v.name}" not found`);
      const dir = join(this.root, pod.metadata?.uid ?? '', v.name);
      mkdirSync(dir, { recursive: true });
      out.set(v.name, { hostPath: dir, readOnly: v.configMap !== undefined || v.secret !== undefined });
    }
    return out;
  }
  async tearDownPod(podUid: string): Promise<void> {
    this.tornDown.push(podUid);
    rmSync(join(this.root, podUid), { recursive: true, force: true });
  }
  async podsOnDisk(): Promise<readonly string[]> {
    return [];
  }
  async run(): Promise<void> {}
}

/** A prober whose results the test sets. */
export class FakeProber implements ProbeManager {
  readonly added = new Map<string, string>();
  readonly states = new Map<string, ProbeState>();
  addContainer(_pod: Pod, container: Container, containerId: string): void {
    this.added.set(containerId, container.name);
  }
  removeContainer(containerId: string): void {
    this.added.delete(containerId);
  }
  removePod(): void {}
  state(containerId: string): ProbeState | undefined {
    return this.states.get(containerId);
  }
}

export interface Harness {
  readonly server: TestServer;
  readonly client: RestClient;
  readonly clock: FakeClock;
  readonly images: FakeImageService;
  readonly runtime: FakeRuntime;
  readonly volumes: FakeVolumes;
  readonly prober: FakeProber;
  readonly dir: string;
  lifecycle: PodLifecycle;
  /** Starts (again) a PodLifecycle over the same runtime. */
  startLifecycle(): void;
  stopLifecycle(): Promise<void>;
  namespace(name: string): Promise<void>;
  create(pod: Pod): Promise<Pod>;
  get(ns: string, name: string): Promise<Pod | undefined>;
  events(ns: string): Promise<Event[]>;
  /** Polls until `fn` answers, moving the fake clock by `stepMs` before each try (at most `tries`), then up to 5 s more without moving it. */
  waitFor<T>(what: string, fn: () => Promise<T | undefined>, stepMs?: number, tries?: number): Promise<T>;
  /** Moves the clock by `ms` in 1-second steps, letting the lifecycle react after each. */
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startHarness(): Promise<Harness> {
  const server = await TestServer.start(['--disable', 'scheduler,controller-manager']);
  const client = new RestClient(await loadKubeconfig(server.kubeconfig));
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-pods-'));
  const clock = new FakeClock(Date.now());
  const images = new FakeImageService({ present: ['busybox:1.36'], pullable: ['nginx:1.27'] });
  const runtime = new FakeRuntime({ clock, images, podCidr: '10.244.241.0/24' });
  const volumes = new FakeVolumes(join(dir, 'volumes'));
  const prober = new FakeProber();
  const capacity = { cpu: '4', memory: '8Gi', pods: '110' };
  await client.resource<Node>(NODES).create({ metadata: { name: NODE }, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } });
  let abort = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const make = (): PodLifecycle => new PodLifecycle({
    client, clock, nodeName: NODE, runtime, images, volumes, prober,
    podLogsRoot: join(dir, 'pod-logs'), podsDir: join(dir, 'pods'), clusterDNS: ['10.43.0.10'], clusterDomain: 'cluster.local',
    hostIP: () => '127.0.0.1', log: () => {},
  });
  const h: Harness = {
    server, client, clock, images, runtime, volumes, prober, dir, lifecycle: make(),
    startLifecycle() {
      abort = new AbortController();
      h.lifecycle = make();
      running = h.lifecycle.run(abort.signal);
    },
    async stopLifecycle() {
      abort.abort();
      await running;
    },
    async namespace(name) {
      await client.resource(NAMESPACES).create({ metadata: { name } });
    },
    async create(pod) {
      return client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? 'default').create({ ...pod, spec: { nodeName: NODE, ...pod.spec, containers: pod.spec?.containers ?? [] } });
    },
    async get(ns, name) {
      try {
        return await client.resource<Pod>(PODS).namespace(ns).get(name);
      } catch {
        return undefined;
      }
    },
    async events(ns) {
      return (await client.resource<Event>(EVENTS).namespace(ns).list()).items;
    },
    async waitFor(what, fn, stepMs = 1000, tries = 100) {
      for (let i = 0; i < tries; i++) {
        const v = await fn();
        if (v !== undefined) return v;
        clock.advance(stepMs);
        await sleep(50);
      }
      // The clock has moved as far as the caller allows; give a busy machine real time to catch up.
      for (let i = 0; i < 50; i++) {
        const v = await fn();
        if (v !== undefined) return v;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${what}`);
    },
    async advance(ms) {
      for (let left = ms; left > 0; left -= 1000) {
        clock.advance(Math.min(1000, left));
        await sleep(60);
      }
    },
    async stop() {
      abort.abort();
      await running;
      runtime.close();
      client.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.startLifecycle();
  return h;
}
