// The words that lead to a requirement without saying one of their own: "要有5吨行车", "必须有", "得有", "带", "要求有",
// "配备", "Need a …", "Must have …", "Requires …" (docs/decisions/173). The readers take the figure or kind after them
// wherever these stand (need-text.ts looks only for the words that turn a requirement into something else: a
// negation, a wish, the premises one has); the not-read list (notes-not-read.ts GLUE) counts these as no condition of
// their own, so a clause the readers used is never told to the enterprise as unread (trial37 H1).

/**
 * The Chinese lead-ins as a regular-expression source (alternatives, longest first). 有 and 带 alone are here: beside
 * a figure a reader took they only say "with" ("要有5吨行车", "带5吨行车"); a clause whose other words remain
 * ("带月台的仓库": 月台) is still listed.
 */
export const WANT_WORDS_ZH =
  "必须要有|必须得有|一定要有|务必要有|要求有|必须有|务必有|需要有|需配备|需配|要配备|要配|得有|要有|需有|还要|必须|务必|一定要|一定得|要求|" +
  "配备有|配备|配置|配有|具备|具有|拥有|带有|附带|自带|有|带|配|得";
/** The English lead-ins as a regular-expression source (whole words). */
export const WANT_WORDS_EN =
  "must\\s+have|should\\s+have|has\\s+to\\s+have|have\\s+to\\s+have|needs?\\s+to\\s+have|must|should|have|has|having|" +
  "requires?|required|requirement|equipped\\s+with|including|includes?|comes?\\s+with";
