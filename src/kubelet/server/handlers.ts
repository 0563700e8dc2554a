// The kubelet server's endpoints, one function each, given what they need. Plain requests
// answer through `Reply`; upgrades (exec, attach, port-forward) own the socket.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Clock } from '../../api/clock.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import { refuseUpgrade } from '../streaming/accept.ts';
import { servePortForward } from '../streaming/port-forward.ts';
import { acceptCommandClient, commandOptions } from '../streaming/remote-command.ts';
import { bridgeCommand } from '../streaming/runtime-command.ts';
import { copyLog, parseLogOptions } from './container-logs.ts';
import { logStatusError } from './log-status.ts';
import { findSandbox, logContainer, LookupError, runningContainer } from './lookup.ts';

export interface HandlerContext {
  readonly runtime: RuntimeService;
  readonly pods: () => readonly Pod[];
  readonly clock: Clock;
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function podList(ctx: HandlerContext): unknown {
  return { kind: 'PodList', apiVersion: 'v1', metadata: {}, items: ctx.pods() };
}

/** /containerLogs/{namespace}/{pod}/{container}: the log streamed as text/plain. */
export async function serveContainerLogs(ctx: HandlerContext, parts: readonly string[], query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [namespace, pod, container] = parts;
  if (namespace === undefined || pod === undefined || container === undefined || parts.length !== 3) {
    sendText(res, 400, 'expected /containerLogs/{namespace}/{pod}/{container}\n');
    return;
  }
  const options = parseLogOptions(query, ctx.clock.now());
  if (typeof options === 'string') {
    sendText(res, 400, `${options}\n`);
    return;
  }
  const previous = ['true', '1'].includes(query.get('previous') ?? '');
  // The pod's reported status explains a missing log first, as upstream's kubelet does.
  const known = ctx.pods().find((p) => p.metadata?.namespace === namespace && p.metadata.name === pod);
  const problem = known === undefined ? undefined : logStatusError(known, container, previous);
  if (problem !== undefined) throw new LookupError(400, problem);
  const target = await logContainer(ctx.runtime, namespace, pod, container, previous);
  const status = await ctx.runtime.containerStatus(target.id);
  if (status.logPath === '') throw new LookupError(400, `container "${container}" in pod "${pod}" has no log file`);
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  req.once('close', () => { if (!res.writableFinished) gone.abort(); });
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  res.flushHeaders();
  const write = (chunk: Buffer): Promise<void> => new Promise((resolve) => {
    if (res.destroyed || gone.signal.aborted) { resolve(); return; }
    if (res.write(chunk)) resolve();
    else res.once('drain', resolve).once('close', resolve);
  });
  try {
    await copyLog(status.logPath, options, write, {
      clock: ctx.clock, signal: gone.signal,
      running: async () => (await ctx.runtime.containerStatus(target.id).catch(() => undefined))?.state === 'CONTAINER_RUNNING',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // The runtime removed the file (container gone): the log simply ends.
  }
  res.end();
}

function lookupAnswer(socket: Duplex, error: unknown): void {
  if (error instanceof LookupError) refuseUpgrade(socket, error.code, error.message);
  else refuseUpgrade(socket, 500, error instanceof Error ? error.message : String(error));
}

/** /exec/{ns}/{pod}[/{uid}]/{container}?command=…  and  /attach/…: upgrades, bridged to the runtime. */
export async function serveCommand(ctx: HandlerContext, kind: 'exec' | 'attach', parts: readonly string[], query: URLSearchParams, headers: IncomingHttpHeaders, socket: Duplex, head: Buffer): Promise<void> {
  if (parts.length !== 3 && parts.length !== 4) {
    refuseUpgrade(socket, 400, `expected /${kind}/{namespace}/{pod}/{container}`);
    return;
  }
  const [namespace, pod] = parts as [string, string];
  const container = parts[parts.length - 1] as string;
  const options = commandOptions(query);
  if (typeof options === 'string') {
    refuseUpgrade(socket, 400, options);
    return;
  }
  const command = query.getAll('command');
  if (kind === 'exec' && command.length === 0) {
    refuseUpgrade(socket, 400, 'you must specify at least one command for the container');
    return;
  }
  let url: string;
  try {
    const target = await runningContainer(ctx.runtime, namespace, pod, container);
    url = kind === 'exec'
      ? await ctx.runtime.exec({ containerId: target.id, cmd: command, ...options })
      : await ctx.runtime.attach({ containerId: target.id, ...options });
  } catch (error) {
    lookupAnswer(socket, error);
    return;
  }
  const client = await acceptCommandClient(headers, socket, head, options);
  if (client === undefined) return;
  await bridgeCommand(url, options, client);
}

/** /portForward/{ns}/{pod}[/{uid}]: an upgrade, each forwarded connection bridged to the runtime. */
export async function servePortForwardRequest(ctx: HandlerContext, parts: readonly string[], query: URLSearchParams, headers: IncomingHttpHeaders, socket: Duplex, head: Buffer): Promise<void> {
  if (parts.length !== 2 && parts.length !== 3) {
    refuseUpgrade(socket, 400, 'expected /portForward/{namespace}/{pod}');
    return;
  }
  const [namespace, pod] = parts as [string, string];
  let sandboxId: string;
  try {
    sandboxId = (await findSandbox(ctx.runtime, namespace, pod)).id;
  } catch (error) {
    lookupAnswer(socket, error);
    return;
  }
  await servePortForward(headers, query, socket, head, (ports) => ctx.runtime.portForward(sandboxId, ports));
}
