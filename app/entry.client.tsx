import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

import { loadTraditionalFolding } from "~/domain/fold-text";

// Remix's own entry (StrictMode, hydrateRoot in a transition), with one wait: a page whose server render read
// typed notes with the Traditional converter — a need form filled from a stored lead (/queue/assignments/<id>/need,
// /hotline/leads/<id>) or handed back after a refused post — hydrates once the browser has the converter too.
// Without it the first client render read 10噸行車 and 搬進去 as unknown words: React found text that did not
// match (errors #418/#425), threw the server's page away and the need form said 未能识别 for what the save reads
// (new-user trial 40). The page is a whole server-rendered form meanwhile; the public form hydrates nothing (ADR 041).

/** True when a need-notes box the server filled holds Chinese text (the only text the converter changes). */
function serverReadChineseNotes(): boolean {
  return [...document.querySelectorAll<HTMLTextAreaElement>('textarea[name="need.notes"]')].some((box) =>
    /[\u3400-\u9fff\uf900-\ufaff]/.test(box.defaultValue),
  );
}

function hydrate(): void {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

if (serverReadChineseNotes()) void loadTraditionalFolding().then(hydrate, hydrate);
else hydrate();
