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

/**
 * The inquiry page's form fields for a valid lead, named as the page posts them: a factory of 3000 ㎡ to
 * lease for a battery maker paying 1 million yuan of tax a year. `fields` overrides or adds (the company,
 * a phone, a submissionKey …); an override keeps its field's place in the body.
 */
export function validLeadForm(fields: Record<string, string> = {}): Record<string, string> {
  return {
    "need.kind": "factory",
    "need.deal": "lease",
    "need.areaMin": "3000",
    "use.industry": "C38",
    "use.product": "电池",
    "tax.annualTaxWan": "100",
    "company.name": "南京表单测试有限公司",
    "contact.name": "陈工",
    "contact.phone": "13812345678",
    consent: "on",
    ...fields,
  };
}
