/**
 * One summary line made of labelled parts ("需求 厂房 4500–6000㎡，产品 精密轴承；园区 高淳经开区。"): `groups` of parts,
 * each part already labelled or "" when its value is empty. Empty parts are left out with their separators, and a
 * group with no part left is left out whole — never "产品 ；" or "products ; park" (trial38 L12). `sep.part` joins
 * the parts of a group, `sep.group` the groups; `end` closes a line that has anything. Shapes: strings in, a string out.
 */
export function composeLine(groups: string[][], sep: { part: string; group: string }, end = ""): string {
  const said = groups.map((g) => g.filter((p) => p.trim() !== "").join(sep.part)).filter((g) => g !== "");
  return said.length ? said.join(sep.group) + end : "";
}

/** `label(value)` when the value says something, else "" (a part composeLine leaves out). */
export function part(value: string | null | undefined, label: (value: string) => string): string {
  return value?.trim() ? label(value.trim()) : "";
}
