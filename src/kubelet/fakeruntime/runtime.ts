// The in-memory RuntimeService for `k8ts simulate` and tests. Sandboxes get IPs from a
// configurable CIDR (none for the node's network namespace); containers run the small command
// language of commands.ts on the injected Clock, write CRI-format logs to their logPath, and
// report exit codes and reasons as containerd does (Completed, Error, OOMKilled). It follows the
// contract of cri/runtime.ts: Stop*/Remove* are idempotent, failures reject with CriError.

import { join } from 'node:path';
import type { Clock, Timer } from '../../api/clock.ts';
import { CriError } from '../cri/errors.ts';
import { flat } from '../flat-string.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import type {
  Container, ContainerConfig, ContainerFilter, ContainerState, ContainerStats, ContainerStatus, ExecSyncResult, Labels,
  LinuxContainerResources, PodSandbox, PodSandboxConfig, PodSandboxFilter, PodSandboxStatus, RuntimeCondition, VersionResponse,
} from '../cri/types.ts';
import { normalizeImage } from '../images/normalize.ts';
import { LABEL_POD_UID } from '../seams.ts';
import { ByPodUid } from './by-pod-uid.ts';
import { RandomIds } from './random-id.ts';
import { IpPool, parseIpv4Cidr } from '../simulate/ip-pool.ts';
import { parseProgram, type Program } from './commands.ts';
import type { FakeImageService } from './images.ts';
import { diskLogFiles, type LogFiles } from './log-files.ts';

export interface FakeRuntimeOptions {
  readonly clock: Clock;
  readonly images: FakeImageService;
  /** Pod IPs come from here (default 10.88.0.0/16, containerd's default CNI range). */
  readonly podCidr?: string;
  /** Where container logs are written (default: on disk, at the paths the kubelet gives). */
  readonly logs?: LogFiles;
}

interface SandboxRecord {
  readonly id: string;
  readonly config: PodSandboxConfig;
  readonly createdAt: number;
  readonly ip: string;
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
}

interface ContainerRecord {
  readonly id: string;
  readonly sandboxId: string;
  readonly config: ContainerConfig;
  readonly imageRef: string;
  readonly createdAt: number;
  readonly logPath: string;
  readonly program: Program;
  state: ContainerState;
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: string;
  resources: LinuxContainerResources | undefined;
  timer: Timer | undefined;
  /** Resolvers waiting for the container to exit. */
  waiters: (() => void)[];
  /** What listContainers answers for it, while `state` is what it shows. */
  snapshot?: Container;
}

const ns = (ms: number): number => ms * 1_000_000;

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function matches(labels: Labels, selector: Labels | undefined): boolean {
  if (selector === undefined) return true;
  for (const key of Object.keys(selector)) if (labels[key] !== selector[key]) return false;
  return true;
}

export class FakeRuntime implements RuntimeService {
  readonly #clock: Clock;
  readonly #images: FakeImageService;
  #pool: IpPool;
  readonly #sandboxes = new Map<string, SandboxRecord>();
  readonly #containers = new Map<string, ContainerRecord>();
  readonly #sandboxesByPod = new ByPodUid<SandboxRecord>();
  readonly #containersByPod = new ByPodUid<ContainerRecord>();
  readonly #ids = new RandomIds();
  readonly #logs: LogFiles;

  constructor(options: FakeRuntimeOptions) {
    this.#clock = options.clock;
    this.#images = options.images;
    this.#logs = options.logs ?? diskLogFiles;
    const cidr = parseIpv4Cidr(options.podCidr ?? '10.88.0.0/16');
    if (cidr === undefined) throw new Error(`fake runtime: bad pod CIDR ${options.podCidr ?? ''}`);
    this.#pool = new IpPool(cidr);
  }

  /**
   * New sandboxes take their IPs from `cidr` from now on (node IPAM assigned the node's range
   * after the runtime started); running sandboxes keep theirs. Throws on a malformed CIDR.
   */
  setPodCidr(cidr: string): void {
    const parsed = parseIpv4Cidr(cidr);
    if (parsed === undefined) throw new Error(`fake runtime: bad pod CIDR ${cidr}`);
    if (parsed.base === this.#pool.cidr.base && parsed.prefix === this.#pool.cidr.prefix) return;
    this.#pool = new IpPool(parsed);
    for (const s of this.#sandboxes.values()) if (s.ip !== '') this.#pool.reserve(s.id, s.ip);
  }

  /** Cancels every timer (sleeps, grace periods); the fake holds nothing else. */
  close(): void {
    for (const c of this.#containers.values()) c.timer?.cancel();
  }

  /** The config a container was created with (for tests and `k8ts simulate` diagnostics). */
  configOf(containerId: string): ContainerConfig | undefined {
    return this.#containers.get(containerId)?.config;
  }

  async version(): Promise<VersionResponse> {
    return { version: '0.1.0', runtimeName: 'k8ts-fake', runtimeVersion: '0.1.0', runtimeApiVersion: 'v1' };
  }

  async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = this.#ids.next();
    let ip = '';
    const hostNetwork = config.linux?.securityContext?.namespaceOptions?.network === 'NODE';
    if (hostNetwork && config.hostname !== undefined && config.hostname !== '') {
      // As runc answers through containerd.
      throw new CriError('RunPodSandbox', 'UNKNOWN', 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to set hostname without a private UTS namespace: unknown');
    }
    if (!hostNetwork) {
      ip = this.#pool.allocate(id) ?? '';
      if (ip === '') throw new CriError('RunPodSandbox', 'UNKNOWN', `failed to setup network for sandbox "${id}": no IP addresses available in range`);
    }
    this.#sandboxes.set(id, { id, config, createdAt: ns(this.#clock.now()), ip, state: 'SANDBOX_READY' });
    this.#sandboxesByPod.add(config.labels?.[LABEL_POD_UID], id);
    return id;
  }

  async stopPodSandbox(podSandboxId: string): Promise<void> {
    const sandbox = this.#sandboxes.get(podSandboxId);
    if (sandbox === undefined) return;
    for (const c of this.#containers.values()) if (c.sandboxId === podSandboxId && c.state === 'CONTAINER_RUNNING') this.#exit(c, 137, 'Error');
    sandbox.state = 'SANDBOX_NOTREADY';
  }

  async removePodSandbox(podSandboxId: string): Promise<void> {
    await this.stopPodSandbox(podSandboxId);
    for (const c of [...this.#containers.values()]) if (c.sandboxId === podSandboxId) this.#forgetContainer(c);
    this.#pool.release(podSandboxId);
    const sandbox = this.#sandboxes.get(podSandboxId);
    if (sandbox !== undefined) this.#sandboxesByPod.remove(sandbox.config.labels?.[LABEL_POD_UID], podSandboxId);
    this.#sandboxes.delete(podSandboxId);
  }

  async podSandboxStatus(podSandboxId: string): Promise<PodSandboxStatus> {
    const s = this.#sandbox('PodSandboxStatus', podSandboxId);
    return { ...this.#sandboxView(s), network: { ip: s.ip, additionalIps: [] } };
  }

  async listPodSandbox(filter?: PodSandboxFilter): Promise<readonly PodSandbox[]> {
    return [...this.#sandboxesByPod.candidates(this.#sandboxes, filter?.labelSelector)]
      .filter((s) => (filter?.id === undefined || filter.id === '' || s.id.startsWith(filter.id))
        && (filter?.state === undefined || filter.state.state === s.state) && matches(s.config.labels ?? {}, filter?.labelSelector))
      .map((s) => this.#sandboxView(s));
  }

  async createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string> {
    const sandbox = this.#sandbox('CreateContainer', podSandboxId);
    if (sandbox.state !== 'SANDBOX_READY') throw new CriError('CreateContainer', 'UNKNOWN', `failed to create containerd container: sandbox ${podSandboxId} is not ready`);
    const image = await this.#images.imageStatus(config.image);
    if (image === undefined) {
      throw new CriError('CreateContainer', 'NOT_FOUND', `failed to create containerd container: failed to resolve image "${normalizeImage(config.image.image)}": no such image`);
    }
    const id = this.#ids.next();
    const logDir = sandboxConfig.logDirectory ?? sandbox.config.logDirectory ?? '';
    const logPath = config.logPath === undefined || config.logPath === '' || logDir === '' ? '' : flat(join(logDir, config.logPath));
    this.#containers.set(id, {
      id, sandboxId: podSandboxId, config, imageRef: image.id, createdAt: ns(this.#clock.now()), logPath,
      program: parseProgram([...config.command ?? [], ...config.args ?? []], 'forever'),
      state: 'CONTAINER_CREATED', startedAt: 0, finishedAt: 0, exitCode: 0, reason: '',
      resources: config.linux?.resources, timer: undefined, waiters: [],
    });
    this.#containersByPod.add(config.labels?.[LABEL_POD_UID], id);
    return id;
  }

  async startContainer(containerId: string): Promise<void> {
    const c = this.#container('StartContainer', containerId);
    if (c.state !== 'CONTAINER_CREATED') throw new CriError('StartContainer', 'UNKNOWN', `failed to start container "${containerId}": container is in ${c.state} state`);
    if (c.logPath !== '') this.#logs.createLog(c.logPath);
    c.state = 'CONTAINER_RUNNING';
    c.startedAt = ns(this.#clock.now());
    this.#step(c, 0, 0);
  }

  async stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    const c = this.#containers.get(containerId);
    if (c === undefined || c.state !== 'CONTAINER_RUNNING') return;
    if (c.program.onTerm !== undefined) {
      this.#exit(c, c.program.onTerm, c.program.onTerm === 0 ? 'Completed' : 'Error');
      return;
    }
    if (timeoutSeconds <= 0) {
      this.#exit(c, 137, 'Error');
      return;
    }
    // SIGTERM is ignored (PID 1 without a handler): SIGKILL once the timeout has passed.
    await new Promise<void>((resolve) => {
      c.waiters.push(resolve);
      const kill = this.#clock.after(timeoutSeconds * 1000, () => {
        if (c.state === 'CONTAINER_RUNNING') this.#exit(c, 137, 'Error');
      });
      c.waiters.push(() => kill.cancel());
    });
  }

  async removeContainer(containerId: string): Promise<void> {
    const c = this.#containers.get(containerId);
    if (c === undefined) return;
    if (c.state === 'CONTAINER_RUNNING') this.#exit(c, 137, 'Error');
    this.#forgetContainer(c);
  }

  #forgetContainer(c: ContainerRecord): void {
    this.#containersByPod.remove(c.config.labels?.[LABEL_POD_UID], c.id);
    this.#containers.delete(c.id);
  }

  /**
   * The answer's objects are shared snapshots (readonly, as the CRI types say): one is made
   * again only when its container's state changed, so the kubelet's relist every second does
   * not make a new object per container.
   */
  async listContainers(filter?: ContainerFilter): Promise<readonly Container[]> {
    const out: Container[] = [];
    if (filter === undefined) {
      // The relist's question, every second for every container of the node: no tests to run.
      for (const c of this.#containers.values()) out.push(this.#snapshot(c));
      return out;
    }
    for (const c of this.#containersByPod.candidates(this.#containers, filter?.labelSelector)) {
      if ((filter?.id === undefined || filter.id === '' || c.id.startsWith(filter.id))
        && (filter?.podSandboxId === undefined || filter.podSandboxId === '' || c.sandboxId === filter.podSandboxId)
        && (filter?.state === undefined || filter.state.state === c.state) && matches(c.config.labels ?? {}, filter?.labelSelector)) {
        out.push(this.#snapshot(c));
      }
    }
    return out;
  }

  #snapshot(c: ContainerRecord): Container {
    if (c.snapshot === undefined || c.snapshot.state !== c.state) {
      c.snapshot = {
        id: c.id, podSandboxId: c.sandboxId, metadata: c.config.metadata, image: c.config.image, imageRef: c.imageRef,
        state: c.state, createdAt: c.createdAt, labels: c.config.labels ?? {}, annotations: c.config.annotations ?? {},
      };
    }
    return c.snapshot;
  }

  async containerStatus(containerId: string): Promise<ContainerStatus> {
    const c = this.#container('ContainerStatus', containerId);
    return {
      id: c.id, metadata: c.config.metadata, state: c.state, createdAt: c.createdAt, startedAt: c.startedAt, finishedAt: c.finishedAt,
      exitCode: c.exitCode, image: c.config.image, imageRef: c.imageRef, reason: c.reason, message: '',
      labels: c.config.labels ?? {}, annotations: c.config.annotations ?? {}, mounts: c.config.mounts ?? [], logPath: c.logPath,
    };
  }

  async updateContainerResources(containerId: string, linux: LinuxContainerResources): Promise<void> {
    this.#container('UpdateContainerResources', containerId).resources = linux;
  }

  async reopenContainerLog(containerId: string): Promise<void> {
    const c = this.#container('ReopenContainerLog', containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new CriError('ReopenContainerLog', 'UNKNOWN', 'container is not running');
  }

  async execSync(containerId: string, cmd: readonly string[], timeoutSeconds: number): Promise<ExecSyncResult> {
    const c = this.#container('ExecSync', containerId);
    if (c.state !== 'CONTAINER_RUNNING') throw new CriError('ExecSync', 'UNKNOWN', `container ${containerId} is not running`);
    const program = parseProgram(cmd, 'succeed');
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let code = 0;
    let waited = 0;
    for (const { step, and } of program.steps) {
      if (step.op === 'print') (step.stream === 'stdout' ? out : err).push(Buffer.from(step.text));
      else if (step.op === 'status') code = step.code;
      else if (step.op === 'exit') { code = step.code; break; }
      else {
        const ms = step.op === 'sleep' ? step.seconds * 1000 : Infinity;
        if (timeoutSeconds > 0 && waited + ms > timeoutSeconds * 1000) {
          throw new CriError('ExecSync', 'DEADLINE_EXCEEDED', `command ${JSON.stringify(cmd)} timed out after ${timeoutSeconds}s`);
        }
        if (ms === Infinity) throw new CriError('ExecSync', 'INVALID_ARGUMENT', `command ${JSON.stringify(cmd)} never ends and no timeout was given`);
        await new Promise<void>((resolve) => this.#clock.after(ms, resolve));
        waited += ms;
        code = 0;
      }
      if (and && code !== 0) break;
    }
    return { stdout: Buffer.concat(out), stderr: Buffer.concat(err), exitCode: code };
  }

  async exec(): Promise<string> {
    throw new CriError('Exec', 'UNIMPLEMENTED', 'the in-memory runtime has no stream server');
  }

  async attach(): Promise<string> {
    throw new CriError('Attach', 'UNIMPLEMENTED', 'the in-memory runtime has no stream server');
  }

  async portForward(): Promise<string> {
    throw new CriError('PortForward', 'UNIMPLEMENTED', 'the in-memory runtime has no stream server');
  }

  async containerStats(containerId: string): Promise<ContainerStats> {
    const c = this.#container('ContainerStats', containerId);
    const t = ns(this.#clock.now());
    const running = c.state === 'CONTAINER_RUNNING';
    return {
      attributes: { id: c.id, metadata: c.config.metadata },
      cpu: { timestamp: t, usageCoreNanoSeconds: { value: 0 }, usageNanoCores: { value: 0 } },
      memory: { timestamp: t, workingSetBytes: { value: running ? 1 << 20 : 0 }, usageBytes: { value: running ? 1 << 20 : 0 }, rssBytes: { value: 0 } },
      writableLayer: null,
    };
  }

  async status(): Promise<readonly RuntimeCondition[]> {
    return [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, { type: 'NetworkReady', status: true, reason: '', message: '' }];
  }

  /** Runs the program from step `index`; `status` is the last command's exit status. */
  #step(c: ContainerRecord, index: number, status: number): void {
    let last = status;
    for (let i = index; i < c.program.steps.length; i++) {
      if (c.state !== 'CONTAINER_RUNNING') return;
      const { step, and } = c.program.steps[i] ?? { step: { op: 'status', code: 0 } as const, and: false };
      switch (step.op) {
        case 'print': this.#log(c, step.stream, step.text); last = 0; break;
        case 'status': last = step.code; break;
        case 'exit': this.#exit(c, step.code, step.code === 0 ? 'Completed' : 'Error'); return;
        case 'sleep':
          c.timer = this.#clock.after(step.seconds * 1000, () => {
            c.timer = undefined;
            this.#step(c, i + 1, 0);
          });
          return;
        case 'forever':
          if (step.eatsMemory && (c.resources?.memoryLimitInBytes ?? 0) > 0) this.#exit(c, 137, 'OOMKilled');
          return;
      }
      if (and && last !== 0) break;
    }
    this.#exit(c, last, last === 0 ? 'Completed' : 'Error');
  }

  #exit(c: ContainerRecord, code: number, reason: string): void {
    if (c.state !== 'CONTAINER_RUNNING') return;
    c.timer?.cancel();
    c.timer = undefined;
    c.state = 'CONTAINER_EXITED';
    c.exitCode = code;
    c.reason = reason;
    c.finishedAt = ns(this.#clock.now());
    const waiters = c.waiters;
    c.waiters = [];
    for (const w of waiters) w();
  }

  #log(c: ContainerRecord, stream: 'stdout' | 'stderr', text: string): void {
    if (c.logPath === '') return;
    const stamp = rfc3339Nano(this.#clock.now());
    const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
    try {
      this.#logs.appendLog(c.logPath, lines.map((l) => `${stamp} ${stream} F ${l}\n`).join(''));
    } catch {
      // The log directory was removed under us (pod torn down): output is lost, as with a full disk.
    }
  }

  #sandbox(method: string, id: string): SandboxRecord {
    const s = this.#sandboxes.get(id);
    if (s === undefined) throw new CriError(method, 'NOT_FOUND', `an error occurred when try to find sandbox "${id}": not found`);
    return s;
  }

  #container(method: string, id: string): ContainerRecord {
    const c = this.#containers.get(id);
    if (c === undefined) throw new CriError(method, 'NOT_FOUND', `an error occurred when try to find container "${id}": not found`);
    return c;
  }

  #sandboxView(s: SandboxRecord): PodSandbox {
    return { id: s.id, metadata: s.config.metadata, state: s.state, createdAt: s.createdAt, labels: s.config.labels ?? {}, annotations: s.config.annotations ?? {}, runtimeHandler: '' };
  }
}
