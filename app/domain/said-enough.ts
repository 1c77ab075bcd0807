/**
 * A figure said to be enough (docs/decisions/161): "3000平就够", "3000平就够了", "3000平足够", "3000平就行", "3000 sqm will do",
 * "3000 sqm is enough". Such a figure is what the enterprise needs — never the premises it has now, even after a clause that
 * names the premises ("现有厂房大了，3000平就够": the premises too large, then the need). Browser-safe: words only.
 */
const ENOUGH_AFTER =
  /^[^\S\n]*(?:以上|以内|左右|上下|的)?[^\S\n]*(?:就|也|应该|应当|估计|大概)?[^\S\n]*(?:够了?|足够了?|足矣|行了?|可以了?|ok了?|好了?|差不多了|满足了?|够用了?)(?=$|[\s，。；;,.!?！？、啦吧呀啊的])(?![^，。；;,!?！？、\n]*?(?:不|没))|^\s*(?:(?:sqm|m2|m²|square\s+met(?:re|er)s?)\s+)?(?:will|would|should)\s+(?:do|be\s+(?:enough|fine|plenty|sufficient))\b|^\s*(?:(?:sqm|m2|m²|square\s+met(?:re|er)s?)\s+)?(?:is|are)\s+(?:enough|plenty|sufficient)\b|^\s*(?:is|are)?\s*(?:enough|sufficient)\b/i;

/**
 * Whether the words right after a figure (its unit read) say the figure is enough ("就够", "足够", "就行", "will do", "is enough");
 * a negation in the clause ("就够不了", "不够") is no such saying, nor a word that only begins like one ("行车" is a crane) or a
 * word on the next line ("层高6米\n行车5吨").
 *
 * @param after the text right after the figure's match (its unit and comparison, if any, already passed)
 */
export function saidEnough(after: string): boolean {
  return ENOUGH_AFTER.test(after);
}
