// The message a redirect left for this page (app/http/flash.server.ts): a confirmation is announced
// politely (role=status), a step that did not happen as an alert (role=alert).

export type FlashMessage = { tone: "status" | "alert"; text: string };

export function FlashBanner({ flash }: { flash: FlashMessage | null | undefined }) {
  if (!flash) return null;
  return (
    <div className={flash.tone === "alert" ? "banner error" : "banner"} role={flash.tone} data-flash="">
      {flash.text}
    </div>
  );
}
