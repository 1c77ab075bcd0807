/**
 * A field's name as the contract and the forms write it: dotted keys, an array's item in brackets
 * (`need.regions[1]`, as Conform names it and as the request gate and the import's `spaces[57]` do;
 * ADR 102), never `need.regions.1`.
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
    "",
  );
}
