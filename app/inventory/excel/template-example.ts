import type { Collections } from "../inventory-schema";

/**
 * One example row per sheet of the template (valid, to show every column filled). Left in a sheet, it is
 * not imported: the reader leaves a row with its id out and says so (read-workbook.server.ts).
 */
export const TEMPLATE_EXAMPLE: Collections = {
  parks: [
    {
      id: "P-EXAMPLE",
      name: "示例经济开发区",
      province: "江苏省",
      city: "南京市",
      district: "高淳区",
      districtCode: "320118",
      address: "示例路 1 号",
      location: { lat: 31.32, lng: 118.87 },
      industries: ["C35", "C39"],
      excludedIndustries: ["C26"],
      minTaxPerMuWan: 30,
      minInvestmentPerMuWan: 300,
      policies: "前三年租金减半",
    },
  ],
  spaces: [
    {
      id: "S-EXAMPLE",
      parkId: "P-EXAMPLE",
      kind: "factory",
      deals: ["lease", "buy"],
      title: "示例标准厂房 1 号",
      areaSqm: 5000,
      divisibleMinSqm: 1000,
      floors: 1,
      singleStorey: true,
      ceilingM: 9,
      floorLoadKg: 3000,
      powerKva: 1250,
      craneT: 10,
      rentYuanPerSqmMonth: 25,
      availableFrom: "2027-03",
      status: "available",
    },
  ],
  recruiters: [
    {
      id: "R-EXAMPLE",
      name: "示例专员",
      email: "recruiter@example.cn",
      phone: "+8613900000000",
      channel: "email",
      parks: ["P-EXAMPLE"],
      industries: ["C35"],
      capacity: 20,
      active: true,
      away: [],
      workingHours: { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" },
    },
  ],
};
