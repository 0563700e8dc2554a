// PEM (RFC 7468): base64 of DER between BEGIN/END lines, 64 characters a line.

export interface PemBlock {
  /** The label between "BEGIN " and the dashes: "CERTIFICATE", "PRIVATE KEY", … */
  readonly label: string;
  readonly der: Buffer;
}

export function pemEncode(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const blockPattern = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/**
 * Every PEM block in `text`, in order. Text between blocks (OpenSSL's "Bag Attributes", say)
 * is ignored; headers inside a block (RFC 1421 "Proc-Type") and bad base64 are errors.
 */
export function pemDecode(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(blockPattern)) {
    const label = match[1] as string;
    const body = (match[2] as string).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) throw new Error(`pem: invalid base64 in ${label} block`);
    blocks.push({ label, der: Buffer.from(body, 'base64') });
  }
  return blocks;
}

/** The DER of the first block with `label`; an error naming what was missing otherwise. */
export function pemDecodeOne(text: string, label: string): Buffer {
  const block = pemDecode(text).find((b) => b.label === label);
  if (block === undefined) throw new Error(`pem: no ${label} block found`);
  return block.der;
}
