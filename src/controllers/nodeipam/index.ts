// Node IPAM: pod CIDRs for nodes from --cluster-cidr.
export { nodeIpamController, NodeIpamController } from './controller.ts';
export { CidrSet, CidrSetFullError, parseCidr } from './cidr-set.ts';
