import type { Page } from "playwright-core";

/**
 * Where the page's text runs two parts together (trial of 12-06, L6: "接单期限 12-06 11:00" beside "1 个匹配空间" read
 * "11:001 个"): each pair of neighbouring nodes under `selector` (an element and the next, or a text and an element)
 * whose texts meet letter to letter — a Latin letter or digit at the end of the one and at the start of the other —
 * and meet so in the page's innerText, the text a copy, a reader of innerText and an accessible name computed from
 * the content get. Chinese beside Chinese, or beside a digit, is how Chinese is written, and is not reported. Each
 * hit as "<the container's innerText>: …<end>|<start>…".
 */
export function runTogethers(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const hits: string[] = [];
    // Each node's text read once: innerText walks the node's whole subtree at every call, and the walk below asked it of
    // each node twice (the end of one pair, the start of the next) and of a parent at every candidate pair. The page does
    // not change during this one synchronous call, so a kept text is the text (ADR 206: the same hits, less CPU).
    const texts = new Map<Node, string>();
    const textOf = (n: Node) => {
      let t = texts.get(n);
      if (t === undefined) texts.set(n, (t = n instanceof HTMLElement ? n.innerText : (n.textContent ?? "")));
      return t;
    };
    const letter = /[A-Za-z0-9]/;
    for (const root of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const walk = (el: HTMLElement) => {
        // A choice list's options are a control's values, not the page's running text.
        if (["SELECT", "DATALIST", "TEXTAREA", "SCRIPT", "STYLE", "TEMPLATE"].includes(el.tagName)) return;
        const nodes = Array.from(el.childNodes).filter(
          (n) => n instanceof HTMLElement || (n.nodeType === Node.TEXT_NODE && n.textContent !== ""),
        );
        for (let i = 1; i < nodes.length; i++) {
          const [a, b] = [nodes[i - 1], nodes[i]];
          if (!(a instanceof HTMLElement) && !(b instanceof HTMLElement)) continue;
          const end = textOf(a);
          const start = textOf(b);
          if (!letter.test(end.slice(-1)) || !letter.test(start.slice(0, 1))) continue;
          const seam = end.slice(-6) + start.slice(0, 6);
          if (textOf(el).includes(seam))
            hits.push(`${textOf(root).replace(/\s+/g, " ").slice(0, 120)}: …${end.slice(-6)}|${start.slice(0, 6)}…`);
        }
        for (const child of Array.from(el.children)) if (child instanceof HTMLElement) walk(child);
      };
      walk(root);
    }
    return hits;
  }, selector);
}
