// core/v1: Probes and lifecycle hooks of containers.

import { int32, int64, intOrString, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { inlined } from '../../inlined.ts';
import { Signal, URIScheme } from './enums.ts';

/** The fields of ProbeHandler, which other structs embed. */
export const probeHandlerFields = {
  exec: opt(1, () => ExecAction, { description: 'Run a command in the container.', omitEmpty: true }),
  httpGet: opt(2, () => HTTPGetAction, { description: 'Make an HTTP GET request.', omitEmpty: true }),
  tcpSocket: opt(3, () => TCPSocketAction, { description: 'Open a TCP connection.', omitEmpty: true }),
  grpc: opt(4, () => GRPCAction, { description: 'Call the gRPC health service.', omitEmpty: true }),
};

export const Probe = struct('io.k8s.api.core.v1.Probe', {
  // ProbeHandler is embedded here: flat in JSON, protobuf field 1.
  ...inlined(1, probeHandlerFields),
  initialDelaySeconds: opt(2, int32, { description: 'Seconds after start before the first check.', omitEmpty: true }),
  timeoutSeconds: opt(3, int32, { description: 'Seconds after which a check times out.', omitEmpty: true }),
  periodSeconds: opt(4, int32, { description: 'Seconds between checks.', omitEmpty: true }),
  successThreshold: opt(5, int32, { description: 'Consecutive successes needed after a failure to count as passing.', omitEmpty: true }),
  failureThreshold: opt(6, int32, { description: 'Consecutive failures needed to count as failing.', omitEmpty: true }),
  terminationGracePeriodSeconds: opt(7, int64, { description: 'The grace period when a failing probe kills the pod, overriding the pod\'s.', omitEmpty: true, pointer: true }),
}, { description: 'A health check of a container and how often to run it.' });
export type Probe = Infer<typeof Probe>;

export const ProbeHandler = struct('io.k8s.api.core.v1.ProbeHandler', probeHandlerFields, { description: 'The action a probe performs; exactly one is set.' });
export type ProbeHandler = Infer<typeof ProbeHandler>;

export const ExecAction = struct('io.k8s.api.core.v1.ExecAction', {
  command: opt(1, list(string), { description: 'The command and arguments; not run in a shell.', listType: 'atomic', omitEmpty: true }),
}, { description: 'A command run in a container.' });
export type ExecAction = Infer<typeof ExecAction>;

export const HTTPGetAction = struct('io.k8s.api.core.v1.HTTPGetAction', {
  path: opt(1, string, { description: 'The request path.', omitEmpty: true }),
  port: req(2, intOrString, { description: 'The port, by number or name.' }),
  host: opt(3, string, { description: 'The host to connect to; defaults to the pod IP.', omitEmpty: true }),
  scheme: opt(4, URIScheme, { description: 'HTTP or HTTPS.', omitEmpty: true }),
  httpHeaders: opt(5, () => list(HTTPHeader), { description: 'Extra request headers.', listType: 'atomic', omitEmpty: true }),
}, { description: 'An HTTP GET request.' });
export type HTTPGetAction = Infer<typeof HTTPGetAction>;

export const HTTPHeader = struct('io.k8s.api.core.v1.HTTPHeader', {
  name: req(1, string, { description: 'The header name.' }),
  value: req(2, string, { description: 'The header value.' }),
}, { description: 'An HTTP header.' });
export type HTTPHeader = Infer<typeof HTTPHeader>;

export const TCPSocketAction = struct('io.k8s.api.core.v1.TCPSocketAction', {
  port: req(1, intOrString, { description: 'The port, by number or name.' }),
  host: opt(2, string, { description: 'The host to connect to; defaults to the pod IP.', omitEmpty: true }),
}, { description: 'A TCP connection attempt.' });
export type TCPSocketAction = Infer<typeof TCPSocketAction>;

export const GRPCAction = struct('io.k8s.api.core.v1.GRPCAction', {
  port: req(1, int32, { description: 'The port of the gRPC service.' }),
  service: opt(2, string, { description: 'The service name sent in the health check request.', pointer: true }),
}, { description: 'A gRPC health check.' });
export type GRPCAction = Infer<typeof GRPCAction>;

export const Lifecycle = struct('io.k8s.api.core.v1.Lifecycle', {
  postStart: opt(1, () => LifecycleHandler, { description: 'Runs right after the container is created.', omitEmpty: true, pointer: true }),
  preStop: opt(2, () => LifecycleHandler, { description: 'Runs before the container is stopped.', omitEmpty: true, pointer: true }),
  stopSignal: opt(3, Signal, { description: 'The signal sent to stop the container.', omitEmpty: true, pointer: true }),
}, { description: 'Actions run at points of a container\'s life.' });
export type Lifecycle = Infer<typeof Lifecycle>;

export const LifecycleHandler = struct('io.k8s.api.core.v1.LifecycleHandler', {
  exec: opt(1, ExecAction, { description: 'Run a command in the container.', omitEmpty: true, pointer: true }),
  httpGet: opt(2, HTTPGetAction, { description: 'Make an HTTP GET request.', omitEmpty: true, pointer: true }),
  tcpSocket: opt(3, TCPSocketAction, { description: 'Deprecated; has no effect.', omitEmpty: true, pointer: true }),
  sleep: opt(4, () => SleepAction, { description: 'Wait for a while.', omitEmpty: true, pointer: true }),
}, { description: 'The action of a lifecycle hook; exactly one is set.' });
export type LifecycleHandler = Infer<typeof LifecycleHandler>;

export const SleepAction = struct('io.k8s.api.core.v1.SleepAction', {
  seconds: req(1, int64, { description: 'How many seconds to wait.' }),
}, { description: 'A pause.' });
export type SleepAction = Infer<typeof SleepAction>;
