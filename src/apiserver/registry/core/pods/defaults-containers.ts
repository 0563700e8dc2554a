// Defaults of containers and what they hold (upstream's SetDefaults_Container, _Probe,
// _HTTPGetAction, _ObjectFieldSelector, _ResourceList and the declarative +default tags of
// ContainerPort.protocol and GRPCAction.service). They apply wherever a PodSpec appears:
// pods, pod templates, and the templates of workloads.

import { MILLI, parseQuantity } from '../../../../api/quantity.ts';
import type { Container, EnvVar, HTTPGetAction, Lifecycle, Probe } from '../../../../api/types/core/v1/index.ts';

/**
 * The tag of an image reference as the kubelet's image parser sees it: the text after the
 * last ':' of the last path element, "latest" for an untagged reference without a digest,
 * and "" for a digest-only reference ("nginx@sha256:…").
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon >= 0) return withoutDigest.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** Pull images tagged "latest" (or untagged) every time; pinned ones only when missing. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * Rounds every quantity up to millis, as the API has always stored them ("0.0001" becomes
 * "1m"); quantities already at that precision keep their text.
 */
export function defaultResourceList(list: Record<string, string> | undefined): void {
  if (list === undefined) return;
  for (const [name, text] of Object.entries(list)) {
    const parsed = parseQuantity(text);
    if (!parsed.ok) continue;
    const rounded = parsed.value.roundUp(MILLI);
    if (!rounded.exact) list[name] = rounded.quantity.toString();
  }
}

export function defaultHTTPGet(action: HTTPGetAction | undefined): void {
  if (action === undefined) return;
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

function defaultProbe(probe: Probe | undefined): void {
  if (probe === undefined) return;
  // Zero is not a usable value for any of these, so zero means "use the default".
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  defaultHTTPGet(probe.httpGet);
  if (probe.grpc !== undefined) probe.grpc.service ??= '';
}

function defaultLifecycle(lifecycle: Lifecycle | undefined): void {
  defaultHTTPGet(lifecycle?.postStart?.httpGet);
  defaultHTTPGet(lifecycle?.preStop?.httpGet);
}

function defaultEnv(env: EnvVar[] | undefined): void {
  for (const variable of env ?? []) {
    const ref = variable.valueFrom?.fieldRef;
    if (ref !== undefined) ref.apiVersion ||= 'v1';
  }
}

/** Defaults one container (regular, init or ephemeral: they share these fields). */
export function defaultContainer(container: Container): void {
  container.imagePullPolicy ||= defaultPullPolicy(container.image ?? '');
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  for (const port of container.ports ?? []) port.protocol ||= 'TCP';
  defaultEnv(container.env);
  defaultResourceList(container.resources?.limits);
  defaultResourceList(container.resources?.requests);
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  defaultLifecycle(container.lifecycle);
}

/**
 * A pod's containers request what they are limited to unless they say otherwise. Only pods
 * get this: a template keeps what its author wrote, so the pods made from it are defaulted
 * the same way whenever they are created.
 */
export function defaultRequestsFromLimits(container: Container): void {
  const limits = container.resources?.limits;
  if (limits === undefined || container.resources === undefined) return;
  const requests = (container.resources.requests ??= {});
  for (const [name, quantity] of Object.entries(limits)) {
    if (requests[name] === undefined) requests[name] = quantity;
  }
}
