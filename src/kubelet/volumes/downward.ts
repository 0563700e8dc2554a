// The downward API in volumes: files holding fields of the pod (metadata.name, labels, …) and
// resources of its containers (limits.cpu with a divisor, …), written as upstream's kubelet
// writes them (pkg/fieldpath and pkg/api/v1/resource).

import { compareGoStrings, goQuote } from '../../api/go-format.ts';
import { parseQuantity, type Quantity } from '../../api/quantity.ts';
import type { Container, DownwardAPIVolumeFile, Pod, ResourceFieldSelector } from '../../api/types/core/v1/index.ts';
import type { FileProjection } from './atomic-writer.ts';

/** Resource name → quantity string, as Node.status.allocatable. */
export type ResourceList = Readonly<Record<string, string>>;

/** Labels or annotations as `key="value"` lines, keys sorted, Go-quoted values, no final newline. */
export function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(map ?? {}).sort(compareGoStrings);
  return keys.map((k) => `${k}=${goQuote(map?.[k] ?? '')}`).join('\n');
}

const SUBSCRIPTED = /^metadata\.(annotations|labels)\['(.*)'\]$/;

/** The value of a pod field a volume may show; throws for a path it may not. */
export function podFieldValue(pod: Pod, fieldPath: string): string {
  const meta = pod.metadata ?? {};
  const subscripted = SUBSCRIPTED.exec(fieldPath);
  if (subscripted !== null) {
    const map = subscripted[1] === 'labels' ? meta.labels : meta.annotations;
    return map?.[subscripted[2] ?? ''] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.annotations': return formatMap(meta.annotations);
    case 'metadata.labels': return formatMap(meta.labels);
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    default: throw new Error(`unsupported fieldPath: ${fieldPath}`);
  }
}

function quantityOf(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const q = parseQuantity(text);
  return q.ok ? q.value : undefined;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divisor must be positive');
  const q = n / d;
  return n % d !== 0n && (n > 0n) === (d > 0n) ? q + 1n : q;
}

const DEFAULTED_LIMITS = ['cpu', 'memory', 'ephemeral-storage'];

/**
 * A container's resource as a volume file shows it: limits fall back to the node's
 * allocatable when the container sets none; CPU is counted in millicores against the divisor,
 * everything else in units; the quotient is rounded up.
 */
export function containerResourceValue(ref: ResourceFieldSelector, container: Container, allocatable: ResourceList): string {
  const [kind, name] = ref.resource.split(/\.(.*)/s) as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || name === undefined || name === '') {
    throw new Error(`unsupported container resource : ${ref.resource}`);
  }
  const known = name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-');
  if (!known) throw new Error(`unsupported container resource : ${ref.resource}`);
  let text = kind === 'limits' ? container.resources?.limits?.[name] : container.resources?.requests?.[name];
  if (text === undefined && kind === 'limits' && DEFAULTED_LIMITS.includes(name)) text = allocatable[name];
  const value = quantityOf(text) ?? quantityOf('0');
  const divisorText = ref.divisor === undefined || ref.divisor === '' ? '1' : ref.divisor;
  let divisor = quantityOf(divisorText);
  if (divisor === undefined || divisor.isZero()) divisor = quantityOf('1');
  if (value === undefined || divisor === undefined) throw new Error(`unsupported container resource : ${ref.resource}`);
  const result = name === 'cpu' ? ceilDiv(value.milliValue(), divisor.milliValue()) : ceilDiv(value.value(), divisor.value());
  return result.toString();
}

/**
 * The files of a downwardAPI volume (or projection). Every item is tried; the errors of those
 * that fail are joined into one.
 */
export function downwardApiPayload(pod: Pod, items: readonly DownwardAPIVolumeFile[], defaultMode: number, allocatable: ResourceList): Map<string, FileProjection> {
  const out = new Map<string, FileProjection>();
  const errors: string[] = [];
  for (const item of items) {
    let text = '';
    try {
      if (item.fieldRef !== undefined) {
        text = podFieldValue(pod, item.fieldRef.fieldPath);
      } else if (item.resourceFieldRef !== undefined) {
        const containerName = item.resourceFieldRef.containerName ?? '';
        const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === containerName);
        if (container === undefined) throw new Error(`container ${containerName} not found`);
        text = containerResourceValue(item.resourceFieldRef, container, allocatable);
      }
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    out.set(item.path, { data: Buffer.from(text), mode: item.mode ?? defaultMode });
  }
  if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  return out;
}
