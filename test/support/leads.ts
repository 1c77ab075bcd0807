/** A valid lead in the contract's JSON shape; override what a test is about. */
export function validLeadJson(overrides: { company?: string; phone?: string } = {}) {
  return {
    need: { kind: "factory", deal: "lease", areaMin: 4000, areaMax: 6000, areaUnit: "sqm", regions: ["高淳区"], ceilingMinM: 8 },
    use: { industry: "C35", product: "数控机床" },
    tax: { annualTaxWan: 300, investmentWan: 5000 },
    company: { name: overrides.company ?? "南京精工机械有限公司" },
    contact: { name: "王经理", phone: overrides.phone ?? "13812345678" },
    consent: true,
  };
}
