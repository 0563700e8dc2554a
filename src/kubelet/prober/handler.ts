// Runs one probe of a container: picks the handler the probe sets (exec, httpGet, tcpSocket,
// grpc), applies upstream's defaults, and retries up to three times while the prober cannot
// tell (an error outcome), as upstream's runProbeWithRetries does. Never throws.

import type { Clock } from '../../api/clock.ts';
import type { Container, Probe } from '../../api/types/core/v1/index.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import { execProbe } from './exec.ts';
import { grpcProbe } from './grpc.ts';
import { httpProbe } from './http.ts';
import { httpProbeRequest } from './http-request.ts';
import { errored, type ProbeOutcome } from './outcome.ts';
import { resolveContainerPort } from './port.ts';
import { tcpProbe } from './tcp.ts';

export const MAX_PROBE_ATTEMPTS = 3;

export interface ProbeContext {
  readonly runtime: RuntimeService;
  readonly clock: Clock;
  readonly container: Container;
  readonly containerId: string;
  /** The pod's IP, when it has one (network probes default to it). */
  readonly podIP: string | undefined;
  /** Aborted when the worker stops; the attempt is abandoned and its sockets closed. */
  readonly signal: AbortSignal;
}

/** The probe's timeoutSeconds, defaulted as the API server would (1). */
export function probeTimeoutSeconds(spec: Probe): number {
  return spec.timeoutSeconds !== undefined && spec.timeoutSeconds > 0 ? spec.timeoutSeconds : 1;
}

export async function runProbe(spec: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  let outcome: ProbeOutcome = errored('no attempt made');
  for (let attempt = 0; attempt < MAX_PROBE_ATTEMPTS && !ctx.signal.aborted; attempt++) {
    outcome = await runOnce(spec, ctx);
    if (outcome.result !== 'error') break;
  }
  return outcome;
}

async function runOnce(spec: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  const timeoutSeconds = probeTimeoutSeconds(spec);
  const { clock, signal } = ctx;
  try {
    if (spec.exec !== undefined) {
      return await execProbe({ runtime: ctx.runtime, clock, containerId: ctx.containerId, command: spec.exec.command ?? [], timeoutSeconds, signal });
    }
    if (spec.httpGet !== undefined) {
      const request = httpProbeRequest(spec.httpGet, ctx.container, ctx.podIP);
      if (!request.ok) return errored(request.error);
      return await httpProbe(request.value, { clock, timeoutMs: timeoutSeconds * 1000, signal });
    }
    if (spec.tcpSocket !== undefined) {
      const port = resolveContainerPort(spec.tcpSocket.port, ctx.container);
      if (!port.ok) return errored(port.error);
      const host = spec.tcpSocket.host !== undefined && spec.tcpSocket.host !== '' ? spec.tcpSocket.host : ctx.podIP;
      if (host === undefined || host === '') return errored('the pod has no IP address yet');
      return await tcpProbe({ clock, host, port: port.value, timeoutMs: timeoutSeconds * 1000, signal });
    }
    if (spec.grpc !== undefined) {
      const port = spec.grpc.port;
      if (!Number.isInteger(port) || port <= 0 || port >= 65536) return errored(`invalid port number: ${port}`);
      if (ctx.podIP === undefined || ctx.podIP === '') return errored('the pod has no IP address yet');
      return await grpcProbe({ clock, host: ctx.podIP, port, service: spec.grpc.service ?? '', timeoutSeconds, signal });
    }
    return errored(`missing probe handler for container ${ctx.container.name}`);
  } catch (err) {
    // Handlers report every failure as an outcome; this only catches a bug, never crashes the worker.
    return errored(err instanceof Error ? err.message : String(err));
  }
}
