// runAsNonRoot, checked before a container is created as upstream's verifyRunAsNonRoot does:
// the effective user is the container's runAsUser, else the pod's, else the image's; root (0),
// no user at all, or a user name that is not numeric (cannot be verified) refuse the start.

import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { Image } from '../cri/types.ts';

/** undefined when the container may start; otherwise the reason it may not. */
export function runAsNonRootViolation(pod: Pod, container: Container, image: Image | undefined): string | undefined {
  const podSc = pod.spec?.securityContext;
  const sc = container.securityContext;
  if ((sc?.runAsNonRoot ?? podSc?.runAsNonRoot) !== true) return undefined;
  const described = `(pod: "${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})", container: ${container.name})`;
  const uid = sc?.runAsUser ?? podSc?.runAsUser;
  if (uid !== undefined) return uid === 0 ? `container's runAsUser breaks non-root policy ${described}` : undefined;
  const imageUid = image?.uid?.value;
  if (imageUid !== undefined && imageUid !== null) return imageUid === 0 ? `container has runAsNonRoot and image will run as root ${described}` : undefined;
  const name = image?.username ?? '';
  if (name === '' || name === 'root') return `container has runAsNonRoot and image will run as root ${described}`;
  const numeric = /^\d+$/.exec(name.split(':')[0] ?? '');
  if (numeric === null) return `container has runAsNonRoot and image has non-numeric user (${name}), cannot verify user is non-root ${described}`;
  return Number(numeric[0]) === 0 ? `container has runAsNonRoot and image will run as root ${described}` : undefined;
}
