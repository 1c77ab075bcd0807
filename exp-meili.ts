import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSearchClient, ensureIndex, waitSucceeded } from "./search/client";
import { startMeilisearch } from "./search/launcher";
import { leadsSettings } from "./search/leads.index";

function cpu(pid: number) { const f = readFileSync(`/proc/${pid}/stat`, "utf8"); const x = f.slice(f.lastIndexOf(")") + 2).split(" "); return (Number(x[11]) + Number(x[12])) * 10; }
function doc(i: number) {
  return { id: `L${i}`, reference: `PM-20261130-${String(i).padStart(4, "0")}`, status: "indexed", source: "api",
    companyName: `南京压测${i}号${i % 97}企业有限公司`, creditCode: null, contactName: "王经理", phoneDigits: `139${String(i).padStart(8, "0")}`,
    product: ["数控机床", "储能电池模组", "传感器", "金属结构件"][i % 4], industry: "C35", section: "C", industryName: "专用设备制造业",
    kind: "factory", deal: "lease", areaMinSqm: 3000 + (i % 15) * 100, areaMaxSqm: 6000, regions: ["高淳区"], notes: i % 3 ? null : "需要行车 10吨，层高 8米以上，配电 500千伏安", createdAt: 1764460000 + i };
}
const allVariants: Record<string, object> = {
  current: {},
  noFacetSearch: { facetSearch: false },
  noPrefix: { facetSearch: false, prefixSearch: "disabled" },
  byAttribute: { facetSearch: false, proximityPrecision: "byAttribute" },
  all: { facetSearch: false, prefixSearch: "disabled", proximityPrecision: "byAttribute" },
};
const variants = Object.fromEntries(Object.entries(allVariants).filter(([k]) => (process.env.V ?? "current").split(",").includes(k)));
const meili = await startMeilisearch({ dataDir: mkdtempSync(join(tmpdir(), "exp-meili-")), quiet: true });
const pid = (meili as any).process?.pid ?? (meili as any).pid;
const c = createSearchClient(meili.url, meili.masterKey);
let n = 0;
for (const [name, extra] of Object.entries(variants)) {
  const uid = `leads_${name}`;
  await ensureIndex(c, uid, "id", { ...leadsSettings, ...extra } as any);
  const base = n; n += 100000;
  await waitSucceeded(c.index(uid).addDocuments(Array.from({ length: Number(process.env.PREFILL ?? 5000) }, (_, i) => doc(base + i))), 120000);
  for (const batch of (process.env.B ?? "1,10,50").split(",").map(Number)) {
    const t0 = cpu(pid); const w0 = Date.now(); let docs = 0;
    for (let k = 0; k < 200 / batch * (batch === 1 ? 1 : 2); k++) {
      const ds = Array.from({ length: batch }, (_, j) => doc(base + 10000 + docs + j)); docs += batch;
      await waitSucceeded(c.index(uid).addDocuments(ds));
    }
    console.log(name, "batch", batch, "docs", docs, "meili cpu ms/doc", ((cpu(pid) - t0) / docs).toFixed(1), "wall ms/task", ((Date.now() - w0) / (docs / batch)).toFixed(0));
  }
}
await meili.stop();
