/**
 * The uncompressed size in bytes of every entry of a ZIP file (an .xlsx is one), summed from its central
 * directory without inflating anything: an upload of a few MB can hold hundreds of MB of sheet XML, which
 * ExcelJS would load whole into the web's heap (a 4.8 MB file of 200,000 rows killed the web process:
 * attack of 2026-12-04; docs/decisions/097). Layout from PKWARE's APPNOTE.TXT 4.3.12 and 4.3.16.
 * Returns null when `bytes` is no ZIP this reader can sum (no end record, a ZIP64 size or count): the
 * caller treats that as too large or unreadable, never as small.
 */
export function zipUncompressedBytes(bytes: Buffer): number | null {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535, at the file's end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) return null; // ZIP64
  let total = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ENTRY) return null;
    const size = bytes.readUInt32LE(at + 24);
    if (size === 0xffffffff) return null; // ZIP64
    total += size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}
