// Where the simulated kubelet's objects live on the API server, and the time formats it
// writes: the same as the real node agent's.

export { formatMicroTime, formatTime, LEASES, NAMESPACES, NODE_LEASE_NAMESPACE, NODES, PODS } from '../node/resources.ts';
