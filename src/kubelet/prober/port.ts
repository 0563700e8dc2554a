// The port a probe targets: a number, or the name of one of the container's ports (upstream's
// ResolveContainerPort, including its fallback of reading a name as a number and its messages).

import { fail, ok, type Result } from '../../api/result.ts';
import { goQuote } from '../../api/go-format.ts';
import type { Container } from '../../api/types/core/v1/index.ts';

const INT64_DIGITS = /^[+-]?[0-9]+$/;

export function resolveContainerPort(port: number | string, container: Container): Result<number> {
  let value: number;
  if (typeof port === 'number') {
    value = port;
  } else {
    const named = container.ports?.find((p) => p.name === port);
    if (named !== undefined) value = named.containerPort;
    else if (!INT64_DIGITS.test(port)) return fail(`strconv.Atoi: parsing ${goQuote(port)}: invalid syntax`);
    else if (!Number.isSafeInteger(Number(port))) return fail(`strconv.Atoi: parsing ${goQuote(port)}: value out of range`);
    else value = Number(port);
  }
  if (Number.isInteger(value) && value > 0 && value < 65536) return ok(value);
  return fail(`invalid port number: ${value}`);
}
