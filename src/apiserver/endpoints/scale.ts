// The scale subresource: an autoscaling/v1 Scale view of a scalable object (deployments,
// replicasets, statefulsets), read and written as upstream's ScaleREST does. `kubectl scale`
// merge-patches it, or with --current-replicas GETs it and PUTs it back.

import { applyJsonPatch } from '../../api/patch/json-patch.ts';
import { applyMergePatch } from '../../api/patch/merge-patch.ts';
import { badRequest, conflict, invalid } from '../../api/status.ts';
import { Scale } from '../../api/types/autoscaling/v1/index.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import type { GenericStore, RequestScope } from '../registry/generic-store.ts';
import type { ApiObject, ScaleDef } from '../registry/resource.ts';
import { fieldValidationOf, parseBody, typedObject } from './codec.ts';
import { bodyType, negotiateOutput } from './negotiation.ts';
import type { ResourceContext } from './resources.ts';
import { writeObject } from './respond.ts';

type ScaleObject = { metadata?: ApiObject['metadata']; spec?: { replicas?: number }; status?: { replicas: number; selector?: string } };

function toScale(object: ApiObject, scale: ScaleDef): ScaleObject & ApiObject {
  const meta = object.metadata ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name ?? '', namespace: meta.namespace ?? '', uid: meta.uid ?? '',
      resourceVersion: meta.resourceVersion ?? '', creationTimestamp: meta.creationTimestamp ?? '',
    },
    spec: { replicas: scale.specReplicas(object) },
    status: { replicas: scale.statusReplicas(object), selector: scale.selector(object) },
  };
}

export async function serveScale(ctx: ResourceContext, store: GenericStore, scale: ScaleDef, scope: RequestScope, name: string, verb: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = negotiateOutput(req.headers['accept'], { protobuf: true });
  const resource = { group: store.def.group, resource: `${store.def.resource}/scale` };
  if (verb === 'get') {
    writeObject(res, 200, toScale(await store.get(scope, name), scale), output.format, ctx.registry.shape);
    return;
  }
  for (let attempt = 0; ; attempt++) {
    const current = await store.get(scope, name);
    let wanted: ScaleObject;
    if (verb === 'update') {
      const format = bodyType(req.headers['content-type'], ['json', 'yaml', 'protobuf']);
      if (format !== 'json' && format !== 'yaml' && format !== 'protobuf') throw badRequest('unsupported body');
      const parsed = parseBody(await req.body(), format, ctx.registry.shape);
      wanted = typedObject(parsed, { apiVersion: 'autoscaling/v1', kind: 'Scale', shape: Scale }, fieldValidationOf(req.query)).object as ScaleObject;
    } else {
      const type = bodyType(req.headers['content-type'], ['merge-patch', 'json-patch', 'strategic-merge-patch']);
      const patch: unknown = JSON.parse((await req.body()).toString('utf8'));
      const base = toScale(current, scale);
      wanted = (type === 'json-patch' ? applyJsonPatch(base, patch) : applyMergePatch(base, patch)) as ScaleObject;
    }
    const replicas = wanted.spec?.replicas ?? 0;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [{ type: 'FieldValueInvalid', field: 'spec.replicas', badValue: replicas, detail: 'must be greater than or equal to 0' }]);
    }
    const requested = wanted.metadata?.resourceVersion ?? '';
    if (requested !== '' && requested !== current.metadata?.resourceVersion) {
      throw conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    const next = scale.withSpecReplicas(current, replicas);
    try {
      const { object } = await store.update(scope, name, next);
      writeObject(res, 200, toScale(object, scale), output.format, ctx.registry.shape);
      return;
    } catch (error) {
      const retry = requested === '' && attempt < 5 && error instanceof Error && 'reason' in error && (error as { reason: string }).reason === 'Conflict';
      if (!retry) throw error;
    }
  }
}
