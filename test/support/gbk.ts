/** GBK bytes of `text` (ASCII as it is), from the decoder's own table: Node has no GBK encoder. */
export function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}
