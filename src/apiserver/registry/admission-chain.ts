// Several admission steps as one, run in the order given (upstream's admission chain: the
// first refusal wins, later steps see what earlier ones changed).

import type { Admission } from './generic-store.ts';
import type { ApiObject, ResourceDef } from './resource.ts';

export function admissionChain(...steps: readonly Admission[]): Admission {
  return {
    async admitCreate(def: ResourceDef, object: ApiObject): Promise<void> {
      for (const step of steps) await step.admitCreate(def, object);
    },
    async admitDelete(def: ResourceDef, object: ApiObject): Promise<void> {
      for (const step of steps) await step.admitDelete?.(def, object);
    },
  };
}
