// HTTP/1.1 upgrades under /api (exec, attach and port-forward use SPDY or WebSocket):
// authorized like any request, then spliced to the kubelet. Anything else that asks to
// upgrade gets upstream's answer for a resource that cannot be upgraded.

import { badRequest, StatusError } from '../../api/status.ts';
import type { UpgradeHandler } from '../http/types.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import { authorizeRequest } from './api-handler.ts';
import { isKubeletSubresource, spliceKubeletUpgrade, type KubeletClientConfig } from './kubelet-proxy.ts';
import { requestInfo } from './request-info.ts';

export function createConnectUpgradeHandler(options: { registry: ResourceRegistry; kubelet: KubeletClientConfig }): UpgradeHandler {
  return async (req, socket, head) => {
    const info = requestInfo(req.method, req.path, req.query);
    authorizeRequest({ ...req, body: () => Promise.resolve(Buffer.alloc(0)) }, info);
    if (info.kind !== 'resource' || !isKubeletSubresource(info) || (info.resource === 'pods' && info.subresource === 'log')) {
      throw badRequest('the requested resource cannot be upgraded');
    }
    if (options.registry.find('', 'v1', info.resource) === undefined) {
      throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
    }
    await spliceKubeletUpgrade(options, info, req, socket, head);
  };
}
