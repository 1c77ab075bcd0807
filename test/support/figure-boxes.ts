/**
 * Every figure box of the lead's need and tax groups, as [group, field] — what the tests of their shared bounds and
 * marks walk (figure-box-bounded: ADR 166; lead-schema-forged-values: ADR 171). Written out here, not taken from the
 * schema, so a box the schema forgets is still tried.
 */
export const FIGURE_BOXES = [
  ["need", "areaMin"],
  ["need", "areaMax"],
  ["need", "unitCount"],
  ["need", "moveInBy"],
  ["need", "ceilingMinM"],
  ["need", "floorLoadMinKg"],
  ["need", "powerMinKva"],
  ["need", "craneMinT"],
  ["need", "singleStorey"],
  ["tax", "annualTaxWan"],
  ["tax", "investmentWan"],
  ["tax", "annualOutputWan"],
  ["tax", "employees"],
] as const;
