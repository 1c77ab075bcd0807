/** Stands for the number while the sentence is filled (a private-use character no catalog holds). */
const MARK = "\uE000";

/**
 * A catalog sentence with the hotline number in it as a tel: link that never breaks across lines
 * ("400-000-" / "0000" on a phone otherwise). `sentence` fills the catalog's template with the number it is
 * given (the one placeholder fill, app/i18n/i18n.ts); the number goes in where that mark lands.
 */
export function HotlineInSentence({ sentence, hotline }: { sentence: (hotline: string) => string; hotline: string }) {
  const [before, ...after] = sentence(MARK).split(MARK);
  if (after.length === 0) return <>{before}</>;
  return (
    <>
      {before}
      <a className="tel" href={`tel:${hotline.replace(/[^\d+]/g, "")}`}>
        {hotline}
      </a>
      {after.join(hotline)}
    </>
  );
}
