import { figureParts } from "~/utils/figure-text";

/** `text` with each figure and its unit kept on one line (figure-text.ts); the text itself unchanged. */
export function FigureText({ text }: { text: string }) {
  return (
    <>
      {figureParts(text).map((p, i) =>
        p.fig ? (
          <span key={i} className="fig">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
