// One park, one space row of the JSON import (and the same space as CSV cells), shared by the files that read a
// figure of a row through the JSON import and the sheet's cells (ADR 096, 196).
export const PARK = {
  id: "P1",
  name: "测试园",
  province: "江苏省",
  city: "南京市",
  district: "六合区",
  industries: ["C35"],
  excludedIndustries: [],
};

export const space = (o: Record<string, unknown>) => ({
  id: "S1",
  parkId: "P1",
  kind: "factory",
  deals: ["lease"],
  title: "1号厂房",
  areaSqm: 5000,
  status: "available",
  ...o,
});

export const CSV_FIXED = { id: "S1", parkId: "P1", kind: "厂房", deals: "出租", title: "1号厂房", areaSqm: "5000", status: "可租售" };
