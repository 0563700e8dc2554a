// POST pods/{name}/binding: the scheduler's way of placing a pod on a node. Answers 201 with
// a Success Status, as upstream does.

import { Binding, type Pod } from '../../api/types/core/v1/index.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import { bindPod } from '../registry/core/pods/binding.ts';
import type { GenericStore, RequestScope } from '../registry/generic-store.ts';
import { fieldValidationOf, parseBody, typedObject } from './codec.ts';
import { bodyType, negotiateOutput } from './negotiation.ts';
import type { ResourceContext } from './resources.ts';
import { writeObject } from './respond.ts';

export async function serveBinding(ctx: ResourceContext, store: GenericStore<Pod>, scope: RequestScope, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = negotiateOutput(req.headers['accept'], { protobuf: true });
  const format = bodyType(req.headers['content-type'], ['json', 'yaml', 'protobuf']) as 'json' | 'yaml' | 'protobuf';
  const parsed = parseBody(await req.body(), format, ctx.registry.shape);
  const { object: binding } = typedObject(parsed, { apiVersion: 'v1', kind: 'Binding', shape: Binding }, fieldValidationOf(req.query));
  if (!scope.dryRun) await bindPod(store, scope, name, binding);
  writeObject(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, output.format, ctx.registry.shape);
}
