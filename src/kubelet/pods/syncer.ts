// One sync of one pod (kubelet.go SyncPod + kuberuntime_manager.go SyncPod, computePodActions):
// bring the runtime to what the pod asks for (sandbox, init containers in order, containers by
// restart policy with crash-loop back-off, liveness kills), then report the status computed
// from what the runtime now holds. terminatePod is the way down: stop everything gracefully,
// tear down volumes and the sandbox. Callers serialize syncs of one pod (pod-workers.ts).

import { join } from 'node:path';
import type { Container, Pod, PodStatus } from '../../api/types/core/v1/index.ts';
import { isNotFound } from '../cri/errors.ts';
import type { PodSandboxConfig } from '../cri/types.ts';
import { podLogDirectory, VolumeNotReadyError, type HostVolume } from '../seams.ts';
import { containerFieldPath, type SyncDeps, podDescription } from './deps.ts';
import { etcHostsContent, writeEtcHosts } from './etc-hosts.ts';
import { goDuration } from './go-duration.ts';
import { killContainer } from './killer.ts';
import { wakeBy, type PodState } from './pod-state.ts';
import { containersFingerprint, readPodRuntime, type ContainerView, type PodRuntimeView, type SandboxView } from './runtime-view.ts';
import { sandboxConfig } from './sandbox-config.ts';
import { startContainer, type StartContext } from './starter.ts';
import { terminationMessage } from './termination-message.ts';
import { containerHash } from './container-config.ts';
import { generateStatus } from './status.ts';

const VOLUME_RETRY_MS = 2_000;
/** How long after a container's exit the runtime may still change what it reports of it. */
const EXIT_SETTLE_MS = 2_000;
/** Exited containers kept per name: the current run and the one before (for `logs --previous`). */
const KEEP_EXITED = 2;

function shouldRestart(pod: Pod, c: ContainerView): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && c.exitCode !== 0);
}

function anyExited(view: PodRuntimeView): boolean {
  for (const runs of view.containers.values()) for (const c of runs) if (c.state === 'CONTAINER_EXITED') return true;
  return false;
}

function isTerminal(status: { readonly phase?: PodStatus['phase'] | undefined } | undefined): boolean {
  return status?.phase === 'Succeeded' || status?.phase === 'Failed';
}

export class PodSyncer {
  readonly #deps: SyncDeps;

  constructor(deps: SyncDeps) {
    this.#deps = deps;
  }

  /** Drives `pod` one step towards its spec; answers the status to report. */
  async sync(pod: Pod, state: PodState, signal: AbortSignal): Promise<PodStatus> {
    const d = this.#deps;
    const uid = pod.metadata?.uid ?? '';
    state.waiting = new Map();
    let view = await readPodRuntime(d.runtime, uid);
    // A pod that has finished (as reported, or as the runtime now shows) never runs again. The
    // runtime can show it finished only once a container exited: no status is computed before.
    if (isTerminal(pod.status) || isTerminal(state.generated) || (anyExited(view) && isTerminal(this.#status(pod, view, state)))) {
      await this.#stopAll(pod, view, state, signal);
      return this.#status(pod, await readPodRuntime(d.runtime, uid), state);
    }
    await this.#killUnhealthy(pod, view, state, signal);
    let volumes: ReadonlyMap<string, HostVolume>;
    try {
      volumes = await d.volumes.setUpPod(pod, signal);
    } catch (err) {
      if (!(err instanceof VolumeNotReadyError)) throw err;
      d.recorder.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${err.volume}" : ${err.message}`);
      wakeBy(state, d.clock.now() + VOLUME_RETRY_MS);
      return this.#status(pod, view, state);
    }
    let sandbox = view.sandboxes.find((s) => s.ready);
    let made: { readonly id: string; readonly config: PodSandboxConfig } | undefined;
    if (sandbox === undefined) {
      made = await this.#newSandbox(pod, view, state, signal);
      if (made === undefined) return this.#status(pod, view, state);
      view = await readPodRuntime(d.runtime, uid);
      const id = made.id;
      sandbox = view.sandboxes.find((s) => s.id === id) ?? view.sandboxes[0];
      if (sandbox === undefined) return this.#status(pod, view, state);
    }
    const hostNetwork = pod.spec?.hostNetwork === true;
    const podIP = hostNetwork ? d.hostIPs()[0] ?? '' : sandbox.ip;
    let etcHostsPath: string | undefined;
    if (!hostNetwork) {
      const content = etcHostsContent(pod, podIP === '' ? [] : [podIP], d.dns().clusterDomain);
      etcHostsPath = await writeEtcHosts(d.files, join(d.podsDir, uid), content, state.etcHosts);
      state.etcHosts = content;
    }
    const ctx: StartContext = {
      pod, state, sandboxId: sandbox.id,
      // The config the sandbox was just made with, when it is the one found: the same as computing it again.
      sandboxConfig: made?.id === sandbox.id ? made.config : sandboxConfig(pod, sandbox.attempt, d.podLogsRoot, d.dns()),
      podIP, volumes, etcHostsPath, signal,
    };
    const initDone = await this.#syncInit(ctx, view, sandbox);
    if (initDone) {
      for (const spec of pod.spec?.containers ?? []) await this.#syncContainer(ctx, spec, view, sandbox);
    }
    view = await readPodRuntime(d.runtime, uid);
    // Containers this sync left running need nothing more until they change; any other state
    // (one that exited meanwhile, a finished init container) may call for the next sync.
    const all = [...view.containers.values()].flat();
    state.seen = all.every((c) => c.state === 'CONTAINER_RUNNING') ? containersFingerprint(all) : undefined;
    // A container that just exited may still get its final reason (containerd records an OOM
    // kill from an event of its own, which can come after the exit): look once more after that.
    const now = d.clock.now();
    for (const c of all) {
      if (c.state === 'CONTAINER_EXITED' && now < c.finishedAt + EXIT_SETTLE_MS) wakeBy(state, c.finishedAt + EXIT_SETTLE_MS);
    }
    await this.#readMessages(pod, view, state);
    this.#reconcileProber(pod, view, state);
    await this.#collectGarbage(view);
    const status = this.#status(pod, view, state);
    if (isTerminal(status)) await this.#stopAll(pod, view, state, signal);
    return status;
  }

  /** Stops the pod for good (deleted, or gone from the API); answers the final status. */
  async terminate(pod: Pod, state: PodState, signal: AbortSignal, graceSeconds: number): Promise<PodStatus> {
    const d = this.#deps;
    const uid = pod.metadata?.uid ?? '';
    const view = await readPodRuntime(d.runtime, uid);
    const podIP = pod.spec?.hostNetwork === true ? d.hostIPs()[0] ?? '' : view.sandboxes[0]?.ip ?? '';
    const specs = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []];
    const running = [...view.containers.values()].flatMap((runs) => runs.filter((c) => c.state === 'CONTAINER_RUNNING'));
    const initNames = (pod.spec?.initContainers ?? []).map((c) => c.name);
    const kill = (c: ContainerView, grace: number): Promise<void> =>
      killContainer(d, pod, specs.find((s) => s.name === c.name), c, grace, `Stopping container ${c.name}`, podIP, signal);
    // App containers first, all at once; then sidecars, last started first, with what is left of the grace period.
    const startedAt = d.clock.now();
    await Promise.all(running.filter((c) => !initNames.includes(c.name)).map((c) => kill(c, graceSeconds)));
    for (const name of [...initNames].reverse()) {
      const left = graceSeconds - Math.floor((d.clock.now() - startedAt) / 1000);
      for (const c of running.filter((x) => x.name === name)) await kill(c, left);
    }
    d.prober.removePod(uid);
    const after = await readPodRuntime(d.runtime, uid);
    await this.#readMessages(pod, after, state);
    const status = this.#status(pod, after, state, true);
    for (const s of after.sandboxes) await d.runtime.stopPodSandbox(s.id);
    await d.volumes.tearDownPod(uid);
    for (const s of after.sandboxes) await d.runtime.removePodSandbox(s.id);
    const meta = pod.metadata ?? {};
    await d.files.remove(join(d.podsDir, uid));
    await d.files.remove(podLogDirectory(d.podLogsRoot, meta.namespace ?? '', meta.name ?? '', uid));
    d.crashBackoff.forgetPrefix(`${uid}/`);
    d.pullBackoff.forgetPrefix(`${uid}_`);
    return status;
  }

  #status(pod: Pod, view: PodRuntimeView, state: PodState, terminal = false): PodStatus {
    const d = this.#deps;
    return generateStatus({
      pod, view, waiting: state.waiting, probe: (id) => d.prober.state(id), hostIPs: d.hostIPs(), runtimeName: d.runtimeName(), now: d.clock.now(),
      previous: state.generated,
    }, state.messages, terminal);
  }

  /** Makes the pod a new sandbox; answers its id and the config it was made with (undefined: it failed). */
  async #newSandbox(pod: Pod, view: PodRuntimeView, state: PodState, signal: AbortSignal): Promise<{ id: string; config: PodSandboxConfig } | undefined> {
    const d = this.#deps;
    // Whatever still runs in an old sandbox goes with it.
    for (const runs of view.containers.values()) {
      for (const c of runs) if (c.state === 'CONTAINER_RUNNING') await killContainer(d, pod, undefined, c, 0, `Stopping container ${c.name}`, '', signal);
    }
    for (const s of view.sandboxes) await d.runtime.stopPodSandbox(s.id);
    const attempt = view.sandboxes.reduce((max, s) => Math.max(max, s.attempt + 1), 0);
    const config = sandboxConfig(pod, attempt, d.podLogsRoot, d.dns());
    try {
      return { id: await d.runtime.runPodSandbox(config), config };
    } catch (err) {
      d.recorder.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${err instanceof Error ? err.message : String(err)}`);
      wakeBy(state, d.clock.now() + VOLUME_RETRY_MS);
      return undefined;
    }
  }

  /**
   * Runs init containers in order, each to completion; a sidecar (an init container with
   * restartPolicy Always) only has to have started, keeps running beside the app containers and
   * is restarted whenever it exits. Answers whether the pod is initialized.
   */
  async #syncInit(ctx: StartContext, view: PodRuntimeView, sandbox: SandboxView): Promise<boolean> {
    const d = this.#deps;
    for (const spec of ctx.pod.spec?.initContainers ?? []) {
      const sidecar = spec.restartPolicy === 'Always';
      const latest = view.containers.get(spec.name)?.[0];
      if (latest === undefined || latest.sandboxId !== sandbox.id) {
        const started = await startContainer(d, ctx, spec, latest === undefined ? 0 : latest.attempt + 1);
        if (sidecar && started && spec.startupProbe === undefined) continue;
        return false;
      }
      if (latest.state === 'CONTAINER_CREATED') {
        await d.runtime.startContainer(latest.id);
        return false;
      }
      if (latest.state === 'CONTAINER_RUNNING') {
        if (!sidecar) return false;
        if (spec.startupProbe !== undefined && d.prober.state(latest.id)?.started !== true) return false;
        continue;
      }
      if (sidecar) {
        // An exited sidecar restarts (with back-off) without holding up what comes after it.
        await this.#restart(ctx, spec, latest);
        continue;
      }
      if (latest.exitCode === 0) continue;
      if ((ctx.pod.spec?.restartPolicy ?? 'Always') === 'Never') return false;
      await this.#restart(ctx, spec, latest);
      return false;
    }
    return true;
  }

  async #syncContainer(ctx: StartContext, spec: Container, view: PodRuntimeView, sandbox: SandboxView): Promise<void> {
    const latest = view.containers.get(spec.name)?.[0];
    if (latest === undefined) {
      await startContainer(this.#deps, ctx, spec, 0);
      return;
    }
    if (latest.sandboxId !== sandbox.id) {
      if (latest.state === 'CONTAINER_EXITED' && !shouldRestart(ctx.pod, latest)) return;
      await startContainer(this.#deps, ctx, spec, latest.attempt + 1);
      return;
    }
    if (latest.state === 'CONTAINER_CREATED') {
      // Created by an agent that stopped before starting it: start it now.
      await this.#deps.runtime.startContainer(latest.id);
      this.#deps.recorder.event(ctx.pod, 'Normal', 'Started', `Started container ${spec.name}`, containerFieldPath(ctx.pod, spec.name));
      return;
    }
    if (latest.state === 'CONTAINER_RUNNING' && latest.hash !== '' && latest.hash !== containerHash(spec)) {
      // The pod's spec of this container changed (e.g. its image): replace the container.
      const willRestart = (ctx.pod.spec?.restartPolicy ?? 'Always') !== 'Never';
      await killContainer(this.#deps, ctx.pod, spec, latest, ctx.pod.spec?.terminationGracePeriodSeconds ?? 30,
        `Container ${spec.name} definition changed${willRestart ? ', will be restarted' : ''}`, ctx.podIP, ctx.signal);
      if (willRestart) await startContainer(this.#deps, ctx, spec, latest.attempt + 1);
      return;
    }
    if (latest.state !== 'CONTAINER_EXITED' || !shouldRestart(ctx.pod, latest)) return;
    await this.#restart(ctx, spec, latest);
  }

  /** Restarts an exited container unless it is in crash-loop back-off (then: waiting CrashLoopBackOff). */
  async #restart(ctx: StartContext, spec: Container, latest: ContainerView): Promise<void> {
    const d = this.#deps;
    const key = `${ctx.pod.metadata?.uid ?? ''}/${spec.name}`;
    const finished = latest.finishedAt === 0 ? d.clock.now() : latest.finishedAt;
    if (d.crashBackoff.isInBackOffSince(key, finished)) {
      const delay = goDuration(d.crashBackoff.delay(key));
      ctx.state.waiting.set(spec.name, { reason: 'CrashLoopBackOff', message: `back-off ${delay} restarting failed container=${spec.name} pod=${podDescription(ctx.pod)}` });
      d.recorder.event(ctx.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${podDescription(ctx.pod)}`, containerFieldPath(ctx.pod, spec.name));
      wakeBy(ctx.state, d.crashBackoff.readyAt(key, finished));
      return;
    }
    d.crashBackoff.next(key, finished);
    await startContainer(d, ctx, spec, latest.attempt + 1);
  }

  async #killUnhealthy(pod: Pod, view: PodRuntimeView, state: PodState, signal: AbortSignal): Promise<void> {
    if (state.unhealthy.size === 0) return;
    const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
    const willRestart = (pod.spec?.restartPolicy ?? 'Always') !== 'Never';
    for (const [id, message] of [...state.unhealthy]) {
      state.unhealthy.delete(id);
      const c = [...view.containers.values()].flat().find((x) => x.id === id);
      if (c === undefined || c.state !== 'CONTAINER_RUNNING') continue;
      const spec = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []].find((s) => s.name === c.name);
      const probeGrace = spec?.livenessProbe?.terminationGracePeriodSeconds ?? spec?.startupProbe?.terminationGracePeriodSeconds ?? grace;
      await killContainer(this.#deps, pod, spec, c, probeGrace, willRestart ? `${message}, will be restarted` : message, view.sandboxes[0]?.ip ?? '', signal);
    }
  }

  async #stopAll(pod: Pod, view: PodRuntimeView, state: PodState, signal: AbortSignal): Promise<void> {
    const d = this.#deps;
    const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
    const specs = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []];
    for (const runs of view.containers.values()) {
      for (const c of runs) {
        if (c.state === 'CONTAINER_RUNNING') await killContainer(d, pod, specs.find((s) => s.name === c.name), c, grace, `Stopping container ${c.name}`, '', signal);
      }
    }
    d.prober.removePod(pod.metadata?.uid ?? '');
    state.probed.clear();
    for (const s of view.sandboxes) if (s.ready) await d.runtime.stopPodSandbox(s.id);
    // A finished pod keeps its containers (for logs) but not its volumes, as upstream.
    await d.volumes.tearDownPod(pod.metadata?.uid ?? '');
  }

  #reconcileProber(pod: Pod, view: PodRuntimeView, state: PodState): void {
    const d = this.#deps;
    const running = new Map<string, ContainerView>();
    for (const runs of view.containers.values()) for (const c of runs) if (c.state === 'CONTAINER_RUNNING') running.set(c.id, c);
    for (const id of [...state.probed]) {
      if (!running.has(id)) { d.prober.removeContainer(id); state.probed.delete(id); }
    }
    for (const c of running.values()) {
      if (state.probed.has(c.id)) continue;
      const spec = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []].find((s) => s.name === c.name);
      if (spec === undefined) continue;
      d.prober.addContainer(pod, spec, c.id, new Date(c.startedAt));
      state.probed.add(c.id);
    }
  }

  /** Reads the termination message of containers that exited (terminationMessagePolicy File, or logs on error). */
  async #readMessages(pod: Pod, view: PodRuntimeView, state: PodState): Promise<void> {
    const present = new Set([...view.containers.values()].flat().map((c) => c.id));
    for (const id of [...state.messages.keys()]) if (!present.has(id)) state.messages.delete(id);
    for (const runs of view.containers.values()) {
      for (const c of runs) {
        if (c.state !== 'CONTAINER_EXITED' || state.messages.has(c.id)) continue;
        state.messages.set(c.id, await terminationMessage(pod, c, this.#deps));
      }
    }
  }

  async #collectGarbage(view: PodRuntimeView): Promise<void> {
    for (const runs of view.containers.values()) {
      for (const c of runs.slice(KEEP_EXITED)) {
        if (c.state !== 'CONTAINER_EXITED') continue;
        try {
          await this.#deps.runtime.removeContainer(c.id);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
    }
  }
}
