import { promisify } from "node:util";
import { inflateRaw } from "node:zlib";

const inflateRawOffThread = promisify(inflateRaw);

/**
 * The uncompressed size in bytes of every entry of a ZIP file (an .xlsx is one), summed from its central
 * directory without inflating anything: an upload of a few MB can hold hundreds of MB of sheet XML, which
 * ExcelJS would load whole into the web's heap (a 4.8 MB file of 200,000 rows killed the web process:
 * attack of 2026-12-04; docs/decisions/097). Layout from PKWARE's APPNOTE.TXT 4.3.12 and 4.3.16.
 * Returns null when `bytes` is no ZIP this reader can sum (no end record, a ZIP64 size or count): the
 * caller treats that as too large or unreadable, never as small. What the directory states can be false:
 * zipInflatedBytes then counts what the data holds.
 */
export function zipUncompressedBytes(bytes: Buffer): number | null {
  const entries = centralEntries(bytes);
  return entries ? entries.reduce((total, e) => total + e.uncompressedSize, 0) : null;
}

/**
 * The bytes a ZIP's entries really inflate to, counted by inflating each one (Node's zlib), stopping as
 * soon as the count passes `limit`: the sizes a ZIP states can lie (an attack of 2026-12-04 patched a 180
 * MB sheet's stated size to 1,000 bytes, and ExcelJS ran the web out of memory), the data cannot. Holds
 * at most `limit + 1` inflated bytes at a time. Returns the count (> `limit` means "past the limit", not
 * the whole size), or null when an entry cannot be read (not stored or deflated, cut short, corrupt).
 * Layout: APPNOTE.TXT 4.3.7 (local header) and 4.3.12 (central directory). Inflated by zlib off the
 * event loop (its thread pool): 24 MB inflated at once held the web's other requests (docs/decisions/125).
 */
export async function zipInflatedBytes(bytes: Buffer, limit: number): Promise<number | null> {
  const entries = centralEntries(bytes);
  if (!entries) return null;
  let total = 0;
  for (const e of entries) {
    const local = e.localOffset;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return null;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + e.compressedSize > bytes.length) return null;
    const data = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      try {
        total += (await inflateRawOffThread(data, { maxOutputLength: limit - total + 1 })).length;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return limit + 1;
        return null;
      }
    } else return null;
    if (total > limit) return total;
  }
  return total;
}

/** Each central-directory entry's compression method, stated sizes and local header offset; null if unreadable or ZIP64. */
function centralEntries(bytes: Buffer): { method: number; compressedSize: number; uncompressedSize: number; localOffset: number }[] | null {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535, at the file's end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const compressedSize = bytes.readUInt32LE(at + 20);
    const uncompressedSize = bytes.readUInt32LE(at + 24);
    const localOffset = bytes.readUInt32LE(at + 42);
    if ([compressedSize, uncompressedSize, localOffset].includes(0xffffffff)) return null; // ZIP64
    entries.push({ method: bytes.readUInt16LE(at + 10), compressedSize, uncompressedSize, localOffset });
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}
