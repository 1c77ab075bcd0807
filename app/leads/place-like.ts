// Which of the notes' unmarked names the inquiry form's live preview may send to the server's resolver
// (GET /api/regions?resolve=, ADR 131) — docs/decisions/137, attack 32 M4: the candidates are any run of two
// to six Han characters before "都行" / after "其次", people's names among them ("联系王建国或者李小明都行"),
// and a URL with a person's name must not leave the browser. Only a name that looks like a place by the
// browser's own small rules is sent: one that ends in a place's kind (区, 县, 市, 镇, 乡, 街道, 新区, 开发区,
// 园区, 州, 省) or one of the short names below. Any other name is not previewed; the server still reads it on
// submit (note-regions.ts), and the confirmation page says what it made of it. In the preview's own chunk
// (assist-preview.ts), never in the first load (FIRST_LOAD_KB, test/e2e/inquiry-form.test.ts).

/** Ends in the kind of a place ("江宁区", "高淳县", "南京市", "淳化街道", "江北新区"). */
const PLACE_KIND = /(?:区|县|市|镇|乡|街道|开发区|园区|州|省)$/u;

/**
 * Names said without their kind that the preview may look up: the districts of 南京 where the parks are
 * (the demo inventory and the zones beside them) and the cities around. A short list on purpose: the server's
 * resolver knows every division, the preview only the usual ones.
 */
const SHORT_PLACE_NAMES = new Set([
  "南京",
  "玄武",
  "秦淮",
  "建邺",
  "鼓楼",
  "浦口",
  "栖霞",
  "雨花",
  "雨花台",
  "江宁",
  "六合",
  "溧水",
  "高淳",
  "江北",
  "仙林",
  "麒麟",
  "禄口",
  "淳化",
  "汤山",
  "苏州",
  "无锡",
  "常州",
  "镇江",
  "扬州",
  "泰州",
  "南通",
  "盐城",
  "淮安",
  "宿迁",
  "徐州",
  "连云港",
  "马鞍山",
  "滁州",
  "芜湖",
  "句容",
  "仪征",
  "昆山",
  "江阴",
  "上海",
  "杭州",
  "合肥",
]);

/**
 * The same names in pinyin, as English notes write them ("Jiangning", "Lishui"; ADR 154), joined and in lower case: an English
 * name is sent only when it is one of these, or ends in a place's kind in English — "Regards, Li" or "Thanks, Wang" never are.
 */
const SHORT_PLACE_PINYIN = new Set(
  (
    "nanjing xuanwu qinhuai jianye gulou pukou qixia yuhua yuhuatai jiangning liuhe lishui gaochun jiangbei xianlin qilin lukou " +
    "chunhua tangshan suzhou wuxi changzhou zhenjiang yangzhou taizhou nantong yancheng huaian suqian xuzhou lianyungang " +
    "maanshan chuzhou wuhu jurong yizheng kunshan jiangyin shanghai hangzhou hefei"
  ).split(" "),
);
/** An English place's kind at the end of its name ("Jiangning District", "Jiangbei New Area", "Suzhou Industrial Park"). */
const LATIN_PLACE_KIND =
  /\s(?:district|county|city|province|new\s+area|(?:development|economic|industrial|high-tech|free\s+trade)\s+zone|zone|park|town)$/iu;

/** Whether the live preview may send `name` to GET /api/regions?resolve= (a place by the rules above). */
export function looksLikePlaceName(name: string): boolean {
  const t = name.trim();
  if (/^[A-Za-z][A-Za-z' -]{1,59}$/u.test(t))
    return LATIN_PLACE_KIND.test(t) || SHORT_PLACE_PINYIN.has(t.toLowerCase().replace(/['\s-]/gu, ""));
  if (t.length < 2 || t.length > 12 || !/^[\u4e00-\u9fff]+$/u.test(t)) return false;
  return PLACE_KIND.test(t) || SHORT_PLACE_NAMES.has(t);
}
