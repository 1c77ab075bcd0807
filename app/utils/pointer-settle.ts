// Leaving a field shows or clears its messages (Conform's onBlur checks; the inquiry form's script).
// When the field is left because a pointer pressed another control, the press blurs the field between
// the pointer's down and its up: a message inserted or removed there moves the page, the up lands off
// the control, and the browser sends no click (a save pressed once did nothing; a consent box tapped
// once stayed unticked). So while a pointer is down, leaving a field is held back and replayed once the
// press has ended and its click has been delivered: the messages change after the click, never under it.
// A touch is not a mouse: its pointerup comes first, and the tap's mousedown (where the focus moves and
// the field is left), mouseup and click come after it in a later task — so a touch press is held until its
// click (or, if no click comes, TAP_CLICK_WAIT_MS), not only until the finger is lifted (ADR 149).

//
// And a field the person never typed into is not checked on leaving at all: leaving an empty field to
// press a button of another form (the desk's phone box, focused on arrival, left for 无人接听 on a call
// task; the lead page's note box, left for 保存需求并重新匹配) marked it red with 请填写此项 although
// that form was not sent (ADR 091). Its check comes with its own form's submit.

let installed = false;

/** How long after a touch or pen is lifted its tap's click may come (ms); the held fields are left then at the latest. */
export const TAP_CLICK_WAIT_MS = 700;

/**
 * Holds back `focusout` events during a pointer press and replays them (same target, bubbling) after
 * the press's click. Listens on `win` in the capture phase, so it sees the event before every form
 * library's document listener. Idempotent; returns nothing. Browser only.
 */
export function holdBlurDuringPress(win: Window = window): void {
  if (installed) return;
  installed = true;
  let pressing = false;
  let held: Element[] = [];
  let replaying = false;
  // Fields typed into (or changed) since the page loaded: only these are checked on leaving.
  const answered = new WeakSet<Element>();
  const mark = (e: Event) => {
    if (e.isTrusted && e.target instanceof Element) answered.add(e.target);
  };
  win.addEventListener("input", mark, true);
  win.addEventListener("change", mark, true);
  let fallback = 0;
  // The held fields are left now, after the press's click: their messages change under nothing pressed.
  const replay = () => {
    if (!pressing) return;
    pressing = false;
    win.clearTimeout(fallback);
    const targets = held;
    held = [];
    replaying = true;
    try {
      for (const el of targets) if (el.isConnected) el.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    } finally {
      replaying = false;
    }
  };
  // A timer runs after the task that dispatches the click, and after every listener of the click.
  const replaySoon = () => {
    if (pressing) win.setTimeout(replay, 0);
  };
  win.addEventListener(
    "pointerdown",
    () => {
      pressing = true;
      win.clearTimeout(fallback);
    },
    true,
  );
  win.addEventListener(
    "pointerup",
    (e) => {
      if (!pressing) return;
      // A mouse's mouseup and click are dispatched in the pointerup's task. A touch's (or pen's) tap
      // sends them later, with the focus change: wait for its click, or a while if none comes (a long press).
      if (e.pointerType === "mouse") return replaySoon();
      win.clearTimeout(fallback);
      fallback = win.setTimeout(replay, TAP_CLICK_WAIT_MS);
    },
    true,
  );
  win.addEventListener("click", replaySoon, true);
  // A touch that became a scroll or a zoom: no click comes.
  win.addEventListener("pointercancel", replaySoon, true);
  win.addEventListener(
    "focusout",
    (e) => {
      if (!(e.target instanceof Element)) return;
      const field = e.target.closest("input, select, textarea");
      if (!field || !field.closest("form")) return;
      // Left untouched: no check (the form's submit checks it).
      if (!answered.has(field)) {
        e.stopImmediatePropagation();
        return;
      }
      if (!pressing || replaying) return;
      e.stopImmediatePropagation();
      if (!held.includes(field)) held.push(field);
    },
    true,
  );
}
