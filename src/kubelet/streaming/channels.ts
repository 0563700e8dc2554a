// The Kubernetes WebSocket channel protocols (k8s.io/apimachinery wsstream): every message
// belongs to a numbered channel. Binary protocols (channel.k8s.io, v4.channel.k8s.io,
// v5.channel.k8s.io) put the channel in the first byte; base64 protocols send text messages
// whose first character is the channel digit and whose rest is base64. v5 adds a close
// signal: channel 255 with one byte, the channel being half-closed (stdin's EOF).

export const CHANNEL_STDIN = 0;
export const CHANNEL_STDOUT = 1;
export const CHANNEL_STDERR = 2;
export const CHANNEL_ERROR = 3;
export const CHANNEL_RESIZE = 4;
export const CHANNEL_CLOSE = 255;

export interface ChannelProtocol {
  readonly name: string;
  readonly base64: boolean;
  /** The protocol generation: 1 for the unversioned ones; 4; 5 (close signal). */
  readonly version: 1 | 4 | 5;
}

const PROTOCOLS: readonly ChannelProtocol[] = [
  { name: 'v5.channel.k8s.io', base64: false, version: 5 },
  { name: 'v4.channel.k8s.io', base64: false, version: 4 },
  { name: 'v4.base64.channel.k8s.io', base64: true, version: 4 },
  { name: 'channel.k8s.io', base64: false, version: 1 },
  { name: 'base64.channel.k8s.io', base64: true, version: 1 },
];

/**
 * Picks the first of the client's offered protocols (Sec-WebSocket-Protocol, comma-separated)
 * that `allowed` contains; a client offering none gets binary channel.k8s.io, as upstream.
 * undefined when the client offered protocols and none is served.
 */
export function negotiateChannelProtocol(offered: string | undefined, allowed: readonly string[]): { protocol: ChannelProtocol; echo: string } | undefined {
  const names = (offered ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) return { protocol: { name: 'channel.k8s.io', base64: false, version: 1 }, echo: '' };
  for (const name of names) {
    if (!allowed.includes(name)) continue;
    const protocol = PROTOCOLS.find((p) => p.name === name);
    if (protocol !== undefined) return { protocol, echo: name };
  }
  return undefined;
}

export function encodeChannelMessage(protocol: ChannelProtocol, channel: number, data: Buffer): { data: Buffer; binary: boolean } {
  if (!protocol.base64) return { data: Buffer.concat([Buffer.from([channel]), data]), binary: true };
  return { data: Buffer.from(String.fromCharCode(48 + channel) + data.toString('base64'), 'latin1'), binary: false };
}

export class ChannelProtocolError extends Error {
  override readonly name = 'ChannelProtocolError';
}

export function decodeChannelMessage(protocol: ChannelProtocol, message: { data: Buffer; binary: boolean }): { channel: number; data: Buffer } | undefined {
  if (message.data.length === 0) return undefined; // an empty message carries nothing
  if (!protocol.base64) return { channel: message.data[0] ?? 0, data: message.data.subarray(1) };
  const channel = (message.data[0] ?? 0) - 48;
  if (channel < 0 || channel > 9) throw new ChannelProtocolError(`invalid channel in base64 message: ${String.fromCharCode(message.data[0] ?? 0)}`);
  return { channel, data: Buffer.from(message.data.subarray(1).toString('latin1'), 'base64') };
}
