// The region resolver for the lead schema, behind a `.server` file on purpose: the division dataset,
// OpenCC and pinyin-pro (≈ 230 KB gzipped) stay out of the browser bundle. The classic compiler
// empties this file in the browser build, so the form's in-browser check leaves regions to the server
// (docs/decisions/017-regions-as-division-codes.md).
export { divisionByCode, divisionNameAt, resolveRegions } from "./regions";
export { englishPathLabel } from "./regions-en";
