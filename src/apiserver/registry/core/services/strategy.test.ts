import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { Service, ServiceSpec } from '../../../../api/types/core/v1/index.ts';
import { defaultService } from './defaults.ts';
import { validateService, validateServiceStatus, validateServiceUpdate } from './validation.ts';

function defaulted(spec: ServiceSpec, status?: Service['status']): Service {
  const svc: Service = { metadata: { name: 'web', namespace: 'default' }, spec, ...(status === undefined ? {} : { status }) };
  defaultService(svc);
  return svc;
}

test('defaults', () => {
  const cases: Array<{ name: string; spec: ServiceSpec; status?: Service['status']; want: ServiceSpec; wantStatus?: Service['status'] }> = [
    {
      name: 'a bare ClusterIP Service',
      spec: { ports: [{ port: 80 }] },
      want: { sessionAffinity: 'None', type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'a named target port is kept, a zero one becomes the port',
      spec: { ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 0, protocol: 'UDP' }] },
      want: { sessionAffinity: 'None', type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }, { port: 81, targetPort: 81, protocol: 'UDP' }], internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'NodePort gets externalTrafficPolicy Cluster',
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
      want: { sessionAffinity: 'None', type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'LoadBalancer allocates node ports; ingress IPs are VIPs',
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example.com' }] } },
      want: { sessionAffinity: 'None', type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true },
      wantStatus: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }, { hostname: 'lb.example.com' }] } },
    },
    {
      name: 'ClusterIP with external IPs is externally accessible',
      spec: { externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] },
      want: { sessionAffinity: 'None', type: 'ClusterIP', externalIPs: ['1.2.3.4'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ClientIP affinity gets a 3 hour timeout',
      spec: { sessionAffinity: 'ClientIP' },
      want: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'None affinity drops its config; ExternalName has no internal traffic policy',
      spec: { type: 'ExternalName', externalName: 'example.com', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } },
      want: { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' },
    },
  ];
  for (const c of cases) {
    const svc = defaulted(c.spec, c.status);
    assert.deepEqual(svc.spec, c.want, c.name);
    if (c.wantStatus !== undefined) assert.deepEqual(svc.status, c.wantStatus, c.name);
  }
});

/** A valid, defaulted and allocated ClusterIP Service. */
function valid(): Service {
  return {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      type: 'ClusterIP', clusterIP: '10.43.0.5', clusterIPs: ['10.43.0.5'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    },
  };
}

function withSpec(change: Partial<ServiceSpec>, drop: Array<keyof ServiceSpec> = []): Service {
  const svc = valid();
  const spec: Record<string, unknown> = { ...svc.spec, ...change };
  for (const key of drop) delete spec[key];
  return { ...svc, spec: spec as ServiceSpec };
}

const LB = { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true } as const;

test('validation, with upstream messages', () => {
  const cases: Array<{ name: string; svc: Service; want: string[] }> = [
    { name: 'valid', svc: valid(), want: [] },
    { name: 'ports required', svc: withSpec({ ports: [] }), want: ['spec.ports: Required value'] },
    { name: 'headless needs no ports', svc: withSpec({ ports: [], clusterIP: 'None', clusterIPs: ['None'] }), want: [] },
    { name: 'names required with several ports', svc: withSpec({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 81, protocol: 'TCP', targetPort: 81 }] }), want: ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'] },
    { name: 'unique names', svc: withSpec({ ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'http', port: 81, protocol: 'TCP', targetPort: 81 }] }), want: ['spec.ports[1].name: Duplicate value: "http"'] },
    { name: 'port 0', svc: withSpec({ ports: [{ port: 0, protocol: 'TCP', targetPort: 80 }] }), want: ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] },
    { name: 'port 65536', svc: withSpec({ ports: [{ port: 65536, protocol: 'TCP', targetPort: 80 }] }), want: ['spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive'] },
    { name: 'protocol', svc: withSpec({ ports: [{ port: 80, protocol: 'HTTP' as 'TCP', targetPort: 80 }] }), want: ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'] },
    { name: 'named target port', svc: withSpec({ ports: [{ port: 80, protocol: 'TCP', targetPort: 'Http_Port' }] }), want: ['spec.ports[0].targetPort: Invalid value: "Http_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'] },
    { name: 'selector labels', svc: withSpec({ selector: { app: 'a b' } }), want: ["spec.selector: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
    { name: 'ExternalName needs a name', svc: withSpec({ type: 'ExternalName' }, ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']), want: ['spec.externalName: Required value'] },
    { name: 'ExternalName takes a DNS name, a trailing dot allowed', svc: withSpec({ type: 'ExternalName', externalName: 'db.example.com.' }, ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']), want: [] },
    { name: 'ExternalName has no cluster IPs or families', svc: withSpec({ type: 'ExternalName', externalName: 'example.com' }), want: ['spec.clusterIPs: Forbidden: may not be set for ExternalName services', 'spec.ipFamilies: Forbidden: may not be set for ExternalName services', 'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services'] },
    { name: 'NodePort may not be headless', svc: withSpec({ type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: 'None', clusterIPs: ['None'] }), want: ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"] },
    { name: 'no node ports on ClusterIP', svc: withSpec({ ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }), want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"] },
    { name: 'duplicate port and protocol', svc: withSpec({ ports: [{ name: 'a', port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'b', port: 80, protocol: 'TCP', targetPort: 81 }] }), want: ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'] },
    { name: 'duplicate node port', svc: withSpec({ ...LB, ports: [{ name: 'a', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }, { name: 'b', port: 81, protocol: 'TCP', targetPort: 81, nodePort: 30080 }] }), want: ['spec.ports[1].nodePort: Duplicate value: 30080'] },
    { name: 'bad cluster IP', svc: withSpec({ clusterIP: 'abc', clusterIPs: ['abc'] }), want: ['spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] },
    { name: 'clusterIPs follow clusterIP', svc: withSpec({ clusterIPs: ['10.43.0.6'] }), want: ['spec.clusterIPs: Invalid value: []string{"10.43.0.6"}: first value must match `clusterIP`'] },
    { name: 'external IPs may not be loopback', svc: withSpec({ externalIPs: ['127.0.0.1'], externalTrafficPolicy: 'Cluster' }), want: ['spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'] },
    { name: 'type', svc: withSpec({ type: 'Foo' as 'ClusterIP' }), want: ['spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'] },
    { name: 'affinity timeout', svc: withSpec({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }), want: ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400'] },
    { name: 'affinity None takes no config', svc: withSpec({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } }), want: ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'] },
    { name: 'LoadBalancer needs allocateLoadBalancerNodePorts', svc: withSpec({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' }), want: ['allocateLoadBalancerNodePorts: Required value'] },
    { name: 'allocateLoadBalancerNodePorts only on LoadBalancer', svc: withSpec({ allocateLoadBalancerNodePorts: true }), want: ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"] },
    { name: 'external traffic policy needs external access', svc: withSpec({ externalTrafficPolicy: 'Local' }), want: ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'] },
    { name: 'NodePort needs an external traffic policy', svc: withSpec({ type: 'NodePort' }), want: ['spec.externalTrafficPolicy: Required value'] },
    { name: 'Local load balancers need a health check port', svc: withSpec({ ...LB, externalTrafficPolicy: 'Local' }), want: ['spec.healthCheckNodePort: Required value'] },
    { name: 'source ranges', svc: withSpec({ loadBalancerSourceRanges: ['10.0.0.0/33'] }), want: ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'", 'spec.LoadBalancerSourceRanges[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
    { name: 'ip families', svc: withSpec({ ipFamilies: ['IPv5' as 'IPv4'] }), want: ['spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"'] },
    { name: 'internal traffic policy required', svc: withSpec({}, ['internalTrafficPolicy']), want: ['spec.internalTrafficPolicy: Required value'] },
    { name: 'traffic distribution', svc: withSpec({ trafficDistribution: 'Nearby' }), want: ['spec.trafficDistribution: Unsupported value: "Nearby": supported values: "PreferClose"'] },
  ];
  for (const c of cases) assert.deepEqual(validateService(c.svc).map(fieldErrorMessage), c.want, c.name);
});

test('update and status validation', () => {
  const old = valid();
  const cases: Array<{ name: string; got: () => string[]; want: string[] }> = [
    { name: 'same', got: () => validateServiceUpdate(valid(), old).map(fieldErrorMessage), want: [] },
    {
      name: 'cluster IP may not change',
      got: () => validateServiceUpdate(withSpec({ clusterIP: '10.43.0.9', clusterIPs: ['10.43.0.9'] }), old).map(fieldErrorMessage),
      want: ['spec.clusterIPs[0]: Invalid value: []string{"10.43.0.9"}: may not change once set'],
    },
    {
      name: 'to ExternalName and back is allowed',
      got: () => validateServiceUpdate(withSpec({ type: 'ExternalName', externalName: 'example.com' }, ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']), old).map(fieldErrorMessage),
      want: [],
    },
    {
      name: 'health check port is immutable',
      got: () => validateServiceUpdate(withSpec({ ...LB, externalTrafficPolicy: 'Local', healthCheckNodePort: 31001 }), withSpec({ ...LB, externalTrafficPolicy: 'Local', healthCheckNodePort: 31000 })).map(fieldErrorMessage),
      want: ['spec.healthCheckNodePort: Forbidden: field is immutable'],
    },
    {
      name: 'load balancer class is immutable',
      got: () => validateServiceUpdate(withSpec({ ...LB, loadBalancerClass: 'b.io/x' }), withSpec({ ...LB, loadBalancerClass: 'a.io/x' })).map(fieldErrorMessage),
      want: ['spec.loadBalancerClass: Invalid value: "b.io/x": may not change once set'],
    },
    {
      name: 'ingress only on load balancers',
      got: () => validateServiceStatus({ ...valid(), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } } }).map(fieldErrorMessage),
      want: ["status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'"],
    },
    {
      name: 'ingress points',
      got: () => validateServiceStatus({ ...withSpec(LB), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: '1.2.3.4' }, { ip: 'x', ipMode: 'VIP' }] } } }).map(fieldErrorMessage),
      want: [
        'status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set',
        'status.loadBalancer.ingress[1].hostname: Invalid value: "1.2.3.4": must be a DNS name, not an IP address',
        'status.loadBalancer.ingress[2].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    },
  ];
  for (const c of cases) assert.deepEqual(c.got(), c.want, c.name);
});
