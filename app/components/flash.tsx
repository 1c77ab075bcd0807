import { useActionData } from "@remix-run/react";

// The message a redirect left for this page (app/http/flash.server.ts): a confirmation is announced
// politely (role=status), a step that did not happen as an alert (role=alert).

export type FlashMessage = { tone: "status" | "alert"; text: string };

/**
 * The flash the loader read, shown until the page gets a newer answer. A flash is only ever set by a
 * redirect (redirectWithFlash), so when this route holds action data, that answer came after the
 * redirect and the flash is old news — a route that skips revalidation after an action (the hotline
 * desk) would otherwise keep "已保存线索 PM-…" above the 409 warning of the next save.
 */
export function FlashBanner({ flash }: { flash: FlashMessage | null | undefined }) {
  const actionData = useActionData();
  if (!flash || actionData !== undefined) return null;
  return (
    <div className={flash.tone === "alert" ? "banner error" : "banner"} role={flash.tone} data-flash="">
      {flash.text}
    </div>
  );
}
