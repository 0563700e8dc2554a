// Service validation (upstream's ValidateService, ValidateServiceUpdate and
// ValidateServiceStatusUpdate in pkg/apis/core/validation), in upstream's order and words.

import { duplicate, forbidden, invalid, notSupported, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { goQuote, verbatim } from '../../../../api/go-format.ts';
import type { Service, ServicePort } from '../../../../api/types/core/v1/index.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, validateLabels } from '../../../../api/validation/names.ts';
import { externallyAccessible, needsHealthCheck } from './defaults.ts';
import { validateCIDR, validateIP, validateNonSpecialIP } from './ip.ts';
import { isValidPortNum, validatePortNumOrName } from './ports.ts';
import { isHeadless, validateClusterIPFields, validateClusterIPsUpdate, validateIPFamiliesUpdate } from './validation-ips.ts';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_CLIENT_IP_TIMEOUT_SECONDS = 86400;
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";

export function validateService(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const sp = path('spec');
  const annotations = svc.metadata?.annotations ?? {};
  const mode = annotations[TOPOLOGY_MODE];
  const hints = annotations[TOPOLOGY_HINTS];
  if (mode !== undefined && hints !== undefined && mode !== hints) {
    errs.push(invalid(path('metadata', 'annotations').key(TOPOLOGY_MODE), mode, `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  const ports = spec.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(sp.child('ports')));
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && headless) {
    errs.push(invalid(sp.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') errs.push(...validateExternalName(svc));
  const names = new Set<string>();
  ports.forEach((port, i) => errs.push(...validateServicePort(port, ports.length > 1, names, sp.child('ports').index(i))));
  if (spec.selector !== undefined) errs.push(...validateLabels(spec.selector, sp.child('selector')));
  errs.push(...validateAffinity(svc));
  errs.push(...validateClusterIPFields(svc));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const at = sp.child('externalIPs').index(i);
    const ipErrs = validateIP(at, ip);
    errs.push(...(ipErrs.length > 0 ? ipErrs : validateNonSpecialIP(at, ip)));
  });
  if ((spec.type ?? '') === '') errs.push(required(sp.child('type')));
  else if (!SERVICE_TYPES.includes(spec.type ?? '')) errs.push(notSupported(sp.child('type'), spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if ((port.nodePort ?? 0) !== 0) errs.push(forbidden(sp.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  errs.push(...validateDuplicatePorts(ports, sp.child('ports')));
  errs.push(...validateSourceRanges(svc));
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer') {
    errs.push(forbidden(sp.child('allocateLoadBalancerNodePorts'), LB_ONLY));
  }
  // Upstream reports this one without the "spec." prefix.
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) errs.push(required(path('allocateLoadBalancerNodePorts')));
  errs.push(...validateLoadBalancerClass(svc, undefined));
  errs.push(...validateTrafficPolicies(svc));
  return errs;
}

function validateExternalName(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const none = 'may not be set for ExternalName services';
  if ((spec.clusterIPs ?? []).length > 0) errs.push(forbidden(path('spec', 'clusterIPs'), none));
  if ((spec.ipFamilies ?? []).length > 0) errs.push(forbidden(path('spec', 'ipFamilies'), none));
  if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden(path('spec', 'ipFamilyPolicy'), none));
  // A trailing dot marks the name fully qualified.
  const cname = (spec.externalName ?? '').replace(/\.$/, '');
  if (cname === '') errs.push(required(path('spec', 'externalName')));
  else errs.push(...isDNS1123Subdomain(cname).map((m) => invalid(path('spec', 'externalName'), cname, m)));
  return errs;
}

function validateServicePort(port: ServicePort, requireName: boolean, names: Set<string>, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name === '') {
    errs.push(required(at.child('name')));
  } else if (name !== '') {
    errs.push(...isDNS1123Label(name).map((m) => invalid(at.child('name'), name, m)));
    if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else names.add(name);
  }
  errs.push(...isValidPortNum(port.port).map((m) => invalid(at.child('port'), port.port, m)));
  if ((port.protocol ?? '') === '') errs.push(required(at.child('protocol')));
  else if (!PROTOCOLS.includes(port.protocol ?? '')) errs.push(notSupported(at.child('protocol'), port.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(port.targetPort ?? 0, at.child('targetPort')));
  if (port.appProtocol !== undefined) {
    errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(at.child('appProtocol'), port.appProtocol, m)));
  }
  return errs;
}

function validateAffinity(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const at = path('spec', 'sessionAffinityConfig');
  const affinity = spec.sessionAffinity ?? '';
  if (affinity === '') return [required(path('spec', 'sessionAffinity'))];
  if (!AFFINITIES.includes(affinity)) return [notSupported(path('spec', 'sessionAffinity'), affinity, AFFINITIES)];
  if (affinity === 'None') return spec.sessionAffinityConfig === undefined ? [] : [forbidden(at, 'must not be set when session affinity is None')];
  const when = 'when session affinity type is ClientIP';
  if (spec.sessionAffinityConfig === undefined) return [required(at, when)];
  const clientIP = spec.sessionAffinityConfig.clientIP;
  if (clientIP === undefined) return [required(at.child('clientIP'), when)];
  const timeout = clientIP.timeoutSeconds;
  if (timeout === undefined) return [required(at.child('clientIP', 'timeoutSeconds'), when)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT_SECONDS) {
    return [invalid(at.child('clientIP', 'timeoutSeconds'), timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT_SECONDS}`)];
  }
  return [];
}

/** Go's %#v of the internal ServicePort that keys upstream's duplicate-port check. */
function portKey(protocol: string, port: number): unknown {
  return verbatim(`core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, `
    + 'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}');
}

function validateDuplicatePorts(ports: readonly ServicePort[], at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const nodePort = port.nodePort ?? 0;
    if (nodePort === 0) return;
    const key = `${port.protocol ?? ''}/${nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(at.index(i).child('nodePort'), nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${port.protocol ?? ''}/${port.port}`;
    if (seen.has(key)) errs.push(duplicate(at.index(i), portKey(port.protocol ?? '', port.port)));
    seen.add(key);
  });
  return errs;
}

function validateSourceRanges(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const ranges = spec.loadBalancerSourceRanges ?? [];
  const annotation = svc.metadata?.annotations?.[SOURCE_RANGES_ANNOTATION];
  if (ranges.length > 0) {
    // Upstream spells this path with a capital L.
    const at = path('spec', 'LoadBalancerSourceRanges');
    if (spec.type !== 'LoadBalancer') errs.push(forbidden(at, LB_ONLY));
    ranges.forEach((value, i) => errs.push(...validateCIDR(at.index(i), value.trim())));
  } else if (annotation !== undefined) {
    const at = path('metadata', 'annotations').key(SOURCE_RANGES_ANNOTATION);
    if (spec.type !== 'LoadBalancer') errs.push(forbidden(at, LB_ONLY));
    const value = annotation.trim();
    if (value !== '') for (const cidr of value.split(',')) errs.push(...validateCIDR(at, cidr.trim()));
  }
  return errs;
}

function validateLoadBalancerClass(svc: Service, old: Service | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const at = path('spec', 'loadBalancerClass');
  const cls = svc.spec?.loadBalancerClass;
  if (old !== undefined && old.spec?.type === 'LoadBalancer' && svc.spec?.type === 'LoadBalancer' && old.spec.loadBalancerClass !== cls) {
    errs.push(invalid(at, cls ?? null, 'may not change once set'));
  }
  if (svc.spec?.type === 'LoadBalancer') {
    if (cls !== undefined) errs.push(...isQualifiedName(cls).map((m) => invalid(at, cls, m)));
  } else if (cls !== undefined) {
    errs.push(forbidden(at, LB_ONLY));
  }
  return errs;
}

function validateTrafficPolicies(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const etp = spec.externalTrafficPolicy ?? '';
  const sp = path('spec');
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(invalid(sp.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') {
    errs.push(required(sp.child('externalTrafficPolicy')));
  } else if (!TRAFFIC_POLICIES.includes(etp)) {
    errs.push(notSupported(sp.child('externalTrafficPolicy'), etp, TRAFFIC_POLICIES));
  }
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(spec)) {
    if (hc !== 0) errs.push(invalid(sp.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) {
    errs.push(required(sp.child('healthCheckNodePort')));
  } else {
    errs.push(...isValidPortNum(hc).map((m) => invalid(sp.child('healthCheckNodePort'), hc, m)));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type ?? '')) errs.push(required(sp.child('internalTrafficPolicy')));
  if (itp !== undefined && !TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported(sp.child('internalTrafficPolicy'), itp, TRAFFIC_POLICIES));
  const td = spec.trafficDistribution;
  if (td !== undefined && td !== 'PreferClose') errs.push(notSupported(sp.child('trafficDistribution'), td, ['PreferClose']));
  return errs;
}

export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = [...validateClusterIPsUpdate(svc, old), ...validateIPFamiliesUpdate(svc, old)];
  errs.push(...validateLoadBalancerClass(svc, old).filter((e) => e.detail === 'may not change once set'));
  if (needsHealthCheck(old.spec ?? {}) && needsHealthCheck(svc.spec ?? {}) && svc.spec?.healthCheckNodePort !== old.spec?.healthCheckNodePort) {
    errs.push(forbidden(path('spec', 'healthCheckNodePort'), 'field is immutable'));
  }
  return [...errs, ...validateService(svc)];
}

/** The status subresource: load balancer ingress points. */
export function validateServiceStatus(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const at = path('status', 'loadBalancer', 'ingress');
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (svc.spec?.type !== 'LoadBalancer' && ingress.length > 0) return [forbidden(at, "may only be used when `spec.type` is 'LoadBalancer'")];
  ingress.forEach((point, i) => {
    const ip = point.ip ?? '';
    if (ip !== '') errs.push(...validateIP(at.index(i).child('ip'), ip));
    if (point.ipMode === undefined) {
      if (ip !== '') errs.push(required(at.index(i).child('ipMode'), 'must be specified when `ip` is set'));
    } else if (ip === '') {
      errs.push(forbidden(at.index(i).child('ipMode'), 'may not be specified when `ip` is not set'));
    } else if (!['Proxy', 'VIP'].includes(point.ipMode)) {
      errs.push(notSupported(at.index(i).child('ipMode'), point.ipMode, ['Proxy', 'VIP']));
    }
    const hostname = point.hostname ?? '';
    if (hostname !== '') {
      errs.push(...isDNS1123Subdomain(hostname).map((m) => invalid(at.index(i).child('hostname'), hostname, m)));
      if (validateIP(at, hostname).length === 0) errs.push(invalid(at.index(i).child('hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}
