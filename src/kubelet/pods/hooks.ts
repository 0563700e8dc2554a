// Lifecycle hooks (pkg/kubelet/lifecycle/handlers.go): postStart and preStop handlers of kind
// exec (run in the container through the runtime) and httpGet (a request from the node to the
// pod's IP or the handler's host), plus sleep. A hook fails on a non-zero exit, an HTTP status
// outside 200-399, or no answer within the timeout; the error text is what events report.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Clock } from '../../api/clock.ts';
import type { Container, LifecycleHandler } from '../../api/types/core/v1/index.ts';
import type { RuntimeService } from '../cri/runtime.ts';

export interface HookTarget {
  readonly runtime: RuntimeService;
  readonly clock: Clock;
  readonly containerId: string;
  readonly container: Container;
  readonly podIP: string;
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
}

function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function httpGet(url: URL, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: { 'User-Agent': 'kube-lifecycle/1.33', ...headers }, signal, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Runs the handler; resolves undefined on success, or the failure's message. */
export async function runHook(handler: LifecycleHandler, t: HookTarget): Promise<string | undefined> {
  try {
    if (handler.exec !== undefined) {
      const cmd = handler.exec.command ?? [];
      const r = await t.runtime.execSync(t.containerId, cmd, t.timeoutSeconds);
      if (r.exitCode === 0) return undefined;
      const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
      return `command '${cmd.join(' ')}' exited with ${r.exitCode}: ${output}`;
    }
    if (handler.httpGet !== undefined) {
      const g = handler.httpGet;
      const port = resolvePort(g.port, t.container);
      if (port === undefined) return `invalid port ${String(g.port)} in httpGet hook`;
      const host = g.host !== undefined && g.host !== '' ? g.host : t.podIP;
      const scheme = (g.scheme ?? 'HTTP').toLowerCase();
      const path = (g.path ?? '').startsWith('/') ? g.path ?? '/' : `/${g.path ?? ''}`;
      const url = new URL(`${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}${path}`);
      const headers = Object.fromEntries((g.httpHeaders ?? []).map((h) => [h.name, h.value]));
      const code = await httpGet(url, headers, Math.max(1, t.timeoutSeconds) * 1000, t.signal);
      return code >= 200 && code < 400 ? undefined : `HTTP lifecycle hook (${path}) for Container "${t.container.name}" returned status ${code}`;
    }
    if (handler.sleep !== undefined) {
      const seconds = Math.min(handler.sleep.seconds, t.timeoutSeconds > 0 ? t.timeoutSeconds : handler.sleep.seconds);
      await new Promise<void>((resolve) => {
        const timer = t.clock.after(seconds * 1000, resolve);
        t.signal.addEventListener('abort', () => { timer.cancel(); resolve(); }, { once: true });
      });
      return undefined;
    }
    return 'a lifecycle handler needs exec, httpGet or sleep';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
