// DefaultBinder: POST pods/{name}/binding through the scheduler's client.

import { errorStatus, success } from '../../framework/status.ts';
import type { BindPlugin, Handle } from '../../framework/types.ts';

export const DEFAULT_BINDER = 'DefaultBinder';

export function defaultBinder(_args: unknown, handle: Handle): BindPlugin {
  return {
    name: DEFAULT_BINDER,
    async bind(_state, pod, nodeName) {
      try {
        await handle.api.bind(pod, nodeName);
        return success();
      } catch (err) {
        return errorStatus(err instanceof Error ? err.message : String(err));
      }
    },
  };
}
