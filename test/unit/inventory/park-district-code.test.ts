import { describe, expect, it } from "vitest";

import { checkTextRow } from "~/inventory/inventory-check";
import { parkSchema } from "~/inventory/inventory-schema";

// Matching reads a park's district code (ADR 017); the names are what people read. The park form always
// posts both (the code comes filled in), so an admin who moved a park from 高淳区 to 溧水区 changed only
// the name: it was saved, the park kept matching leads for 高淳区, and the page showed 溧水区.
const park = { id: "P1", name: "示例园区", province: "江苏省", city: "南京市" };

describe("a park's district names and its district code agree", () => {
  it("names and code of one division, or names only, or a code for names GB/T 2260 does not know: saved", () => {
    for (const [district, districtCode] of [
      ["高淳区", "320118"],
      ["高淳", "320118"],
      ["高淳区", ""],
      ["溧水区", ""],
      ["高淳经济开发区", "320118"], // not a division name: the code says where it is (as the import always allowed)
    ]) {
      const r = checkTextRow("parks", { ...park, district, districtCode });
      expect(r.ok, `${district} ${districtCode}`).toBe(true);
    }
  });

  it("names of one division with the code of another: an error at the code, naming both, in zh and en", () => {
    for (const [province, city, district, districtCode] of [
      ["江苏省", "南京市", "溧水区", "320118"],
      ["江苏省", "南京市", "鼓楼区", "350102"], // 福州市鼓楼区
      ["北京市", "北京市", "朝阳区", "220104"], // 长春市朝阳区
    ]) {
      const r = checkTextRow("parks", { ...park, province, city, district, districtCode });
      expect(r.ok, `${district} ${districtCode}`).toBe(false);
      if (r.ok) continue;
      expect(r.issues.map((i) => i.key)).toEqual(["districtCode"]);
      expect(r.issues[0].reason.zh).toContain(districtCode);
      expect(r.issues[0].reason.zh).toContain(district);
      expect(r.issues[0].reason.en).toContain(districtCode);
      expect(parkSchema.safeParse({ ...park, province, city, district, districtCode }).success).toBe(false);
    }
  });
});
