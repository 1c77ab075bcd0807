import { describe, expect, it } from "vitest";

import { parseCeilingM, parseCraneT, parseFloorLoadKg, parsePowerKva } from "../../app/domain/units";

type Case = [string, number | null];

describe("parsePowerKva", () => {
  it.each<Case>([
    ["1000", 1000],
    ["1000kVA", 1000],
    ["1000 KVA", 1000],
    ["1000kva", 1000],
    ["１０００ｋＶＡ", 1000],
    ["1000千伏安", 1000],
    ["一千千伏安", 1000],
    ["1250 千伏安", 1250],
    ["500千瓦", 500], // kW read as kVA
    ["500kW", 500],
    ["2MVA", 2000],
    ["2兆伏安", 2000],
    ["500000伏安", 500], // VA, not kVA
    ["500000 VA", 500],
    ["1.5千千伏安", 1500],
    ["-100kva", null],
    ["kva", null],
    ["10kV", null], // a voltage, not a capacity
    ["1000kWh", null], // energy, not capacity
    ["很多", null],
  ])("%j → %j", (input, expected) => {
    expect(parsePowerKva(input)).toBe(expected);
  });
});

describe("parseFloorLoadKg", () => {
  it.each<Case>([
    ["800", 800],
    ["800kg/㎡", 800],
    ["800 kg/m2", 800],
    ["800KG/M²", 800],
    ["800公斤", 800],
    ["800千克", 800],
    ["800公斤/平方米", 800],
    ["800公斤/平米", 800],
    ["八百公斤每平米", 800],
    ["2吨/㎡", 2000],
    ["2吨", 2000],
    ["2t/㎡", 2000],
    ["2T", 2000],
    ["1.5t/m2", 1500],
    ["2.3吨", 2300],
    ["两吨每平方米", 2000],
    ["３ｔ／㎡", 3000],
    ["-1吨", null],
    ["2斤", null],
    ["重", null],
  ])("%j → %j", (input, expected) => {
    expect(parseFloorLoadKg(input)).toBe(expected);
  });
});

describe("parseCeilingM", () => {
  it.each<Case>([
    ["9", 9],
    ["9m", 9],
    ["9 M", 9],
    ["9米", 9],
    ["九米", 9],
    ["8.5米", 8.5],
    ["12公尺", 12],
    ["９ｍ", 9],
    ["9000mm", 9],
    ["9000毫米", 9],
    ["850cm", 8.5],
    ["-9m", null],
    ["9km", null],
    ["高", null],
  ])("%j → %j", (input, expected) => {
    expect(parseCeilingM(input)).toBe(expected);
  });
});

describe("parseCraneT", () => {
  it.each<Case>([
    ["10", 10],
    ["10t", 10],
    ["10T", 10],
    ["10吨", 10],
    ["十吨", 10],
    ["16 t", 16],
    ["5 tons", 5],
    ["3.2吨", 3.2],
    ["１０ｔ", 10],
    ["-10t", null],
    ["10kg", null],
    ["吨", null],
  ])("%j → %j", (input, expected) => {
    expect(parseCraneT(input)).toBe(expected);
  });
});
