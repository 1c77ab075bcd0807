import { formatMu, formatSqm, muAreaText, muWithSqm, sqmToMu } from "./area";
import type { NeedHints } from "./need-text";
import { eachUnitText, unitCountText } from "./unit-count-text";

type Lng = "zh" | "en";

const KIND = {
  zh: { factory: "厂房", land: "土地", office: "办公", warehouse: "仓库" },
  en: { factory: "factory", land: "land", office: "office", warehouse: "warehouse" },
};
const DEAL = { zh: { lease: "租赁", buy: "购买", either: "租售均可" }, en: { lease: "lease", buy: "buy", either: "lease or buy" } };

function area(sqm: number, mu: boolean, lng: Lng): string {
  return mu ? muWithSqm(formatMu(sqmToMu(sqm), lng), formatSqm(sqm), lng) : formatSqm(sqm);
}

/**
 * What the free-text assist understood, as short phrases the person can check. `areaKind` is the kind the
 * person chose (land areas are also shown in 亩, units counted in its words: 3栋, 3块); it is not a hint and is not listed.
 * `areaMu`: the area was given in 亩 (or is land's): said in 亩 with its ㎡, "about" as 约50亩 unless `sayAbout` is false
 * (the box's reading says the range the "about" became; docs/decisions/180).
 */
export function describeNeedHints(
  h: NeedHints,
  lng: Lng,
  areaKind: NeedHints["kind"] = h.kind,
  areaMu: boolean = areaKind === "land",
  sayAbout = true,
): string[] {
  const zh = lng === "zh";
  const out: string[] = [];
  if (h.kind) out.push(zh ? `类型：${KIND.zh[h.kind]}` : `kind: ${KIND.en[h.kind]}`);
  if (h.deal) out.push(zh ? `方式：${DEAL.zh[h.deal]}` : `deal: ${DEAL.en[h.deal]}`);
  const { areaMinSqm: lo, areaMaxSqm: hi } = h;
  const k = areaKind;
  const m = areaMu;
  // An area given in 亩 (or of land) is said in 亩 with its ㎡ after it, "about 50" as 约50亩 (docs/decisions/180).
  if (m && (lo !== undefined || hi !== undefined)) out.push(`${zh ? "面积" : "area"} ${muAreaText(lo, hi, lng, sayAbout)}`);
  else if (lo !== undefined && hi !== undefined)
    out.push(
      zh
        ? `面积 ${lo === hi ? area(lo, m, lng) : `${area(lo, m, lng)}–${area(hi, m, lng)}`}`
        : `area ${lo === hi ? area(lo, m, lng) : `${area(lo, m, lng)}–${area(hi, m, lng)}`}`,
    );
  else if (lo !== undefined) out.push(zh ? `面积 ≥ ${area(lo, m, lng)}` : `area ≥ ${area(lo, m, lng)}`);
  else if (hi !== undefined) out.push(zh ? `面积 ≤ ${area(hi, m, lng)}` : `area ≤ ${area(hi, m, lng)}`);
  // Counted as every page counts the kind's units: 栋 of a factory, 块 of land, 处 of offices (docs/decisions/135).
  if (h.unitCount !== undefined) out.push(zh ? `共${unitCountText(h.unitCount, k, "zh")}` : unitCountText(h.unitCount, k, "en"));
  // Units of different sizes (docs/decisions/147): each unit's bounds, as said, beside the total they make.
  const [ulo, uhi] = [h.unitAreaMinSqm, h.unitAreaMaxSqm];
  if (h.unitCount !== undefined && (ulo !== undefined || uhi !== undefined)) {
    const range =
      ulo === undefined
        ? `≤ ${area(uhi!, m, lng)}`
        : uhi === undefined
          ? `≥ ${area(ulo, m, lng)}`
          : `${area(ulo, m, lng)}–${area(uhi, m, lng)}`;
    out.push(zh ? `${eachUnitText(k, "zh")} ${range}` : `${eachUnitText(k, "en")} ${range}`);
  }
  if (h.singleStorey !== undefined)
    out.push(zh ? (h.singleStorey ? "单层" : "多层可") : h.singleStorey ? "single-storey" : "multi-storey ok");
  if (h.ceilingMinM !== undefined) out.push(zh ? `层高 ≥ ${h.ceilingMinM}m` : `ceiling ≥ ${h.ceilingMinM} m`);
  if (h.floorLoadMinKg !== undefined) out.push(zh ? `承重 ≥ ${h.floorLoadMinKg}kg/㎡` : `floor load ≥ ${h.floorLoadMinKg} kg/㎡`);
  if (h.powerMinKva !== undefined) out.push(zh ? `配电 ≥ ${h.powerMinKva}kVA` : `power ≥ ${h.powerMinKva} kVA`);
  if (h.craneMinT !== undefined) out.push(zh ? `行车 ≥ ${h.craneMinT}t` : `crane ≥ ${h.craneMinT} t`);
  if (h.moveInBy !== undefined) out.push(zh ? `入驻 ${h.moveInBy} 前` : `move in by ${h.moveInBy}`);
  if (h.annualTaxWan !== undefined) out.push(zh ? `年纳税 ${h.annualTaxWan}万元` : `annual tax ${h.annualTaxWan} 万元`);
  if (h.investmentWan !== undefined) out.push(zh ? `投资 ${h.investmentWan}万元` : `investment ${h.investmentWan} 万元`);
  if (h.annualOutputWan !== undefined) out.push(zh ? `年产值 ${h.annualOutputWan}万元` : `annual output ${h.annualOutputWan} 万元`);
  return out;
}
