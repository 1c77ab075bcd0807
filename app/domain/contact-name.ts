// How a contact is called on the phone: a surname with a title (张先生, 王总, 李工, 刘姐) or with a
// familiar prefix (老张, 小王, 阿强). The caller lookup reads both the stored contact and the one typed
// through calledName, so 张 / 老张 / 张总 typed find 老张, 张先生 and 张伟 alike (docs/decisions/094).

/** A title after the name ("张先生", "王总", "李经理", "刘姐"), spaces before it included. */
const TITLE = /\s*(?:先生|女士|小姐|总经理|副总|经理|老板|董事长|总监|主任|部长|厂长|老师|师傅|总|工|姐|哥)$/u;

/** A familiar prefix before ONE character of a name (老张, 小王, 阿强); 小明 reads 明 too — both are how people say it. */
const PREFIXED = /^[老小阿](\p{Script=Han})$/u;

/**
 * The name a contact is called by, in its search form: the title after it and then a familiar prefix
 * before a single character dropped — "张先生" → "张", "老张" → "张", "小王总" → "王", "阿强哥" → "强".
 * A name without either comes back as it is ("张伟", "欧阳娜娜"), and so does one that is nothing but a
 * title ("老板", "先生"): dropping it would leave nothing (or 板) to look for.
 */
export function calledName(folded: string): string {
  const untitled = folded.replace(TITLE, "");
  if (untitled === "") return folded;
  return PREFIXED.exec(untitled)?.[1] ?? untitled;
}
