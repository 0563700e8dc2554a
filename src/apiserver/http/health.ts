// /healthz, /livez and /readyz with named checks, printing exactly what upstream's healthz
// package prints (k8s.io/apiserver/pkg/server/healthz), which scripts and kubeadm-style
// tooling grep for.

import { goQuote } from '../../api/go-format.ts';
import type { ApiRequest, ApiResponse } from './types.ts';

/** Resolves when healthy; throws (or rejects) with the reason when not. */
export type HealthCheck = (signal: AbortSignal) => Promise<void> | void;

export type HealthEndpoint = 'healthz' | 'livez' | 'readyz';
export const healthEndpoints: readonly HealthEndpoint[] = ['healthz', 'livez', 'readyz'];

interface Named {
  readonly name: string;
  readonly check: HealthCheck;
}

const textPlain = 'text/plain; charset=utf-8';

/**
 * The checks behind each endpoint, in the order added. "ping" (always ok) is on all three, as
 * upstream; "shutdown" is the last readyz check and fails once shutdown has begun, so load
 * balancers stop sending new requests while open ones finish.
 */
export class HealthChecks {
  readonly #checks: Record<HealthEndpoint, Named[]> = { healthz: [], livez: [], readyz: [] };
  #shuttingDown = false;

  constructor() {
    this.add('ping', () => undefined);
  }

  /** Adds a check to the given endpoints (default: all three). Names must be unique per endpoint. */
  add(name: string, check: HealthCheck, endpoints: readonly HealthEndpoint[] = healthEndpoints): void {
    if (name === '' || name.includes('?')) throw new Error(`invalid health check name ${JSON.stringify(name)}`);
    for (const endpoint of endpoints) {
      if (this.#checks[endpoint].some((c) => c.name === name)) throw new Error(`${endpoint} already has a check named ${name}`);
      this.#checks[endpoint].push({ name, check });
    }
  }

  /** From now on readyz reports "shutdown" as failed. */
  markShuttingDown(): void {
    this.#shuttingDown = true;
  }

  #list(endpoint: HealthEndpoint): readonly Named[] {
    if (endpoint !== 'readyz') return this.#checks[endpoint];
    const shutdown: Named = {
      name: 'shutdown',
      check: () => {
        if (this.#shuttingDown) throw new Error('process is shutting down');
      },
    };
    return [...this.#checks.readyz, shutdown];
  }

  /** Whether serve() answers `path`: an endpoint, or one of its checks by name. */
  handles(path: string): boolean {
    return this.#match(path) !== undefined;
  }

  #match(path: string): { endpoint: HealthEndpoint; checks: readonly Named[]; single: Named | undefined } | undefined {
    const match = /^\/(healthz|livez|readyz)(?:\/(.+))?$/.exec(path);
    if (match === null) return undefined;
    const endpoint = match[1] as HealthEndpoint;
    const checks = this.#list(endpoint);
    if (match[2] === undefined) return { endpoint, checks, single: undefined };
    const single = checks.find((c) => c.name === match[2]);
    return single === undefined ? undefined : { endpoint, checks, single };
  }

  /**
   * Answers `/healthz`, `/readyz/<check>` and the like; false when `path` is none of them
   * (an unknown check included), so the caller can answer 404 as for any unknown path.
   */
  async serve(req: ApiRequest, res: ApiResponse): Promise<boolean> {
    const match = this.#match(req.path);
    if (match === undefined) return false;
    const { endpoint, checks, single: found } = match;
    if (found !== undefined) {
      const error = await run(found, req.signal);
      if (error === undefined) res.send(200, 'ok', textPlain);
      else res.send(500, `internal server error: ${error}\n`, textPlain);
      return true;
    }
    const excluded = new Set(req.query.getAll('exclude'));
    let out = '';
    let failed = false;
    for (const c of checks) {
      if (excluded.delete(c.name)) {
        out += `[+]${c.name} excluded: ok\n`;
        continue;
      }
      // The reason stays out of the answer, as upstream: these endpoints are public.
      const error = await run(c, req.signal);
      out += error === undefined ? `[+]${c.name} ok\n` : `[-]${c.name} failed: reason withheld\n`;
      failed ||= error !== undefined;
    }
    if (excluded.size > 0) {
      const names = [...excluded].sort().map(goQuote).join(', ');
      out += `warn: some health checks cannot be excluded: no matches for ${names}\n`;
    }
    res.setHeader('x-content-type-options', 'nosniff');
    if (failed) res.send(500, `${out}${endpoint} check failed\n`, textPlain);
    else if (!req.query.has('verbose')) res.send(200, 'ok', textPlain);
    else res.send(200, `${out}${endpoint} check passed\n`, textPlain);
    return true;
  }
}

async function run(c: Named, signal: AbortSignal): Promise<string | undefined> {
  try {
    await c.check(signal);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
