import { crc32, deflateRawSync } from "node:zlib";

/** One entry of a hand-made zip: what it holds, and what the directory may claim instead. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored (0) or deflated (8, the default). */
  method?: 0 | 8;
  /** The uncompressed size written in the headers (a lie when it differs from data.length). */
  declaredSize?: number;
}

/**
 * A zip written byte by byte, so a test can build what no zip library writes: sizes that lie, and
 * `repeat` central-directory entries that all point at the first entry's data (the overlapping-files
 * zip bomb: one compressed kernel, inflated once per entry).
 */
export function handMadeZip(
  entries: ZipEntry[],
  repeat: { name: (i: number) => string; times: number } = { name: () => "", times: 0 },
): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const dir = (e: {
    name: string;
    method: number;
    crc: number;
    compressed: number;
    size: number;
    at: number;
  }) => {
    const name = Buffer.from(e.name, "utf8");
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(0x0800, 8);
    h.writeUInt16LE(e.method, 10);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(name.length, 28);
    h.writeUInt32LE(e.at, 42);
    central.push(h, name);
  };
  let first: Parameters<typeof dir>[0] | undefined;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data, { level: 9 }) : e.data;
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const name = Buffer.from(e.name, "utf8");
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    locals.push(h, name, body);
    const d = { name: e.name, method, crc, compressed: body.length, size, at: offset };
    first ??= d;
    dir(d);
    offset += 30 + name.length + body.length;
  }
  for (let i = 0; i < repeat.times && first; i++) dir({ ...first, name: repeat.name(i) });
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = entries.length + repeat.times;
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
