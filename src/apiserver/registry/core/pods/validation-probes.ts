// Validation of probes and lifecycle hooks: exactly one handler each, sane thresholds, and
// sleeps that fit in the grace period (upstream's validateProbe, validateHandler and kin).

import { forbidden, invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { ExecAction, GRPCAction, HTTPGetAction, Lifecycle, Probe, SleepAction, TCPSocketAction } from '../../../../api/types/core/v1/index.ts';
import { validateNonnegative, validatePortNumOrName } from './validation-common.ts';

interface Handler {
  exec?: ExecAction;
  httpGet?: HTTPGetAction;
  tcpSocket?: TCPSocketAction;
  grpc?: GRPCAction;
  sleep?: SleepAction;
}

const HEADER_NAME = /^[-A-Za-z0-9]+$/;
const HEADER_MESSAGE = "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')";

function validateHTTPGet(action: HTTPGetAction, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if ((action.path ?? '') === '') errs.push(required(at.child('path')));
  errs.push(...validatePortNumOrName(action.port, at.child('port')));
  const scheme = action.scheme ?? '';
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(at.child('scheme'), scheme, ['HTTP', 'HTTPS']));
  for (const header of action.httpHeaders ?? []) {
    if (!HEADER_NAME.test(header.name)) errs.push(invalid(at.child('httpHeaders'), header.name, HEADER_MESSAGE));
  }
  return errs;
}

function validateSleep(sleep: SleepAction, gracePeriod: number | undefined, at: Path): FieldError[] {
  // Zero-second sleeps are allowed (PodLifecycleSleepActionAllowZero is on by default).
  if (gracePeriod === undefined || (sleep.seconds >= 0 && sleep.seconds <= gracePeriod)) return [];
  return [invalid(at, sleep.seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
}

function validateHandler(handler: Handler, gracePeriod: number | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  let handlers = 0;
  const check = (name: keyof Handler, validate: () => FieldError[]): void => {
    if (handler[name] === undefined) return;
    if (handlers > 0) {
      errs.push(forbidden(at.child(name), 'may not specify more than 1 handler type'));
      return;
    }
    handlers++;
    errs.push(...validate());
  };
  check('exec', () => ((handler.exec?.command ?? []).length === 0 ? [required(at.child('exec', 'command'))] : []));
  check('httpGet', () => (handler.httpGet === undefined ? [] : validateHTTPGet(handler.httpGet, at.child('httpGet'))));
  check('tcpSocket', () => validatePortNumOrName(handler.tcpSocket?.port ?? 0, at.child('tcpSocket', 'port')));
  check('grpc', () => validatePortNumOrName(handler.grpc?.port ?? 0, at.child('grpc', 'port')));
  check('sleep', () => (handler.sleep === undefined ? [] : validateSleep(handler.sleep, gracePeriod, at.child('sleep'))));
  if (handlers === 0) errs.push(required(at, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, at: Path): FieldError[] {
  const errs = validateHandler(probe, gracePeriod, at);
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...validateNonnegative(probe[field], at.child(field)));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(at.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errs;
}

/** A liveness or startup probe: one success must be enough. */
export function validateLivenessProbe(probe: Probe | undefined, gracePeriod: number | undefined, at: Path): FieldError[] {
  if (probe === undefined) return [];
  const errs = validateProbe(probe, gracePeriod, at);
  if ((probe.successThreshold ?? 0) !== 1) errs.push(invalid(at.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

export const validateStartupProbe = validateLivenessProbe;

/** A readiness probe never kills the container, so it has no grace period of its own. */
export function validateReadinessProbe(probe: Probe | undefined, gracePeriod: number | undefined, at: Path): FieldError[] {
  if (probe === undefined) return [];
  const errs = validateProbe(probe, gracePeriod, at);
  if (probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(invalid(at.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: Lifecycle, gracePeriod: number | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = lifecycle[hook];
    if (handler !== undefined) errs.push(...validateHandler(handler, gracePeriod, at.child(hook)));
  }
  return errs;
}
