// A minimal ustar writer and reader: enough for OCI image layers and OCI layout archives.
// Written here instead of taken from npm (no tar packages, by project rule). Contract:
// output is deterministic for the same entries (fixed uid/gid 0, caller-chosen mtime), names
// up to 255 bytes via the ustar prefix field; longer names are rejected, not truncated.

export type TarEntry =
  | { readonly type: 'file'; readonly name: string; readonly data: Uint8Array; readonly mode?: number }
  | { readonly type: 'dir'; readonly name: string; readonly mode?: number }
  | { readonly type: 'symlink'; readonly name: string; readonly target: string };

const block = 512;

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${value}" does not fit in ${length} bytes`);
  bytes.copy(header, offset);
}

/** Octal, zero-padded, NUL-terminated, as ustar wants. */
function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`tar: ${value} does not fit in a ${length}-byte field`);
  writeString(header, offset, length, `${text}\0`);
}

/** Splits a path into ustar (prefix, name): name ≤ 100 bytes, prefix ≤ 155, split at a '/'. */
function splitName(path: string): [string, string] {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let i = path.length - 1; i > 0; i--) {
    if (path[i] !== '/') continue;
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return [prefix, name];
  }
  throw new Error(`tar: path too long for ustar: ${path}`);
}

function header(entry: TarEntry, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(block);
  const name = entry.type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  const [prefix, base] = splitName(name);
  const mode = entry.type === 'symlink' ? 0o777 : entry.mode ?? (entry.type === 'dir' ? 0o755 : 0o644);
  writeString(h, 0, 100, base);
  writeOctal(h, 100, 8, mode);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  writeString(h, 156, 1, entry.type === 'file' ? '0' : entry.type === 'dir' ? '5' : '2');
  if (entry.type === 'symlink') writeString(h, 157, 100, entry.target);
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  writeString(h, 265, 32, 'root');
  writeString(h, 297, 32, 'root');
  writeString(h, 345, 155, prefix);
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** Serialises entries, in order, into one tar archive (two zero blocks at the end). */
export function writeTar(entries: readonly TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.type === 'file' ? entry.data : new Uint8Array(0);
    parts.push(header(entry, data.length, mtime));
    if (data.length > 0) {
      parts.push(Buffer.from(data.buffer, data.byteOffset, data.length));
      const pad = (block - (data.length % block)) % block;
      if (pad > 0) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(block * 2));
  return Buffer.concat(parts);
}

export interface ReadEntry {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'other';
  readonly mode: number;
  readonly data: Buffer;
  readonly target: string;
}

function readString(buf: Buffer, offset: number, length: number): string {
  const raw = buf.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Parses a ustar archive (as written above, or by GNU tar without extensions); checks checksums. */
export function readTar(archive: Buffer): ReadEntry[] {
  const entries: ReadEntry[] = [];
  let offset = 0;
  while (offset + block <= archive.length) {
    const h = archive.subarray(offset, offset + block);
    if (h.every((b) => b === 0)) break;
    const expected = parseInt(readString(h, 148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
    if (sum !== expected) throw new Error(`tar: bad header checksum at offset ${offset}`);
    const prefix = readString(h, 345, 155);
    const base = readString(h, 0, 100);
    const size = parseInt(readString(h, 124, 12).trim() || '0', 8);
    const flag = readString(h, 156, 1);
    const type = flag === '0' || flag === '' ? 'file' : flag === '5' ? 'dir' : flag === '2' ? 'symlink' : 'other';
    const data = archive.subarray(offset + block, offset + block + size);
    entries.push({ name: prefix === '' ? base : `${prefix}/${base}`, type, mode: parseInt(readString(h, 100, 8), 8), data, target: readString(h, 157, 100) });
    offset += block + Math.ceil(size / block) * block;
  }
  return entries;
}
