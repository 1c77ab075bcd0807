import type { Duplex } from "node:stream";

import { httpText } from "~/i18n/http-messages";
import type { Lng } from "~/i18n/lng";

import { isJsonPath } from "./refusal.server";

// Requests Node's HTTP parser refuses before express sees them — an address or headers over the 16 KB
// header limit (a 5,000-character `?q=`), or bytes that are no HTTP. Node answers those with a bare 431 or
// 400 and no body; every 4xx of ours says why in the client's language (ADR 021, 025, 123).

/** The parser's error as Node hands it to `clientError`: its code, and the bytes it had read. */
type ParserError = Error & { code?: string; rawPacket?: Buffer };

/**
 * The answer to a request the HTTP parser refused, written on the socket, which is then closed: 431 for an
 * address or headers too long (`HPE_HEADER_OVERFLOW`), else 400. A JSON address (isJsonPath: `/api/…`, the desks' lookups) gets the API's JSON
 * shape `{"errors": {"_form": ["…"]}}`, any other a small page (ADR 179: a person saw a bare line); zh-CN, English when the bytes read show
 * `lng=en` in the address or an Accept-Language that starts with en (the same rule as lng.ts, read from
 * the raw request: the parser gave up before there were headers). A socket already broken is only closed.
 */
export function answerClientError(error: ParserError, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLong = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLong ? 431 : 400;
  const raw = error.rawPacket ? error.rawPacket.toString("latin1") : "";
  const target = /^[A-Z]+ (\S+)/.exec(raw)?.[1] ?? "";
  const lng: Lng = /[?&]lng=en/i.test(target) || /\r\naccept-language:[ \t]*en/i.test(raw) ? "en" : "zh";
  const message = httpText(lng, tooLong ? "headersTooLong" : "badRequest");
  const api = isJsonPath(target.split("?")[0]);
  const body = api ? JSON.stringify({ errors: { _form: [message] } }) : refusalPage(lng, message);
  const type = api ? "application/json; charset=utf-8" : "text/html; charset=utf-8";
  socket.end(
    `HTTP/1.1 ${status} ${tooLong ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** A page for a person (no script, no style sheet: nothing else is asked of a server that refused the request): the message and a way home. */
function refusalPage(lng: Lng, message: string): string {
  const title = httpText(lng, "clientError.title");
  const home = lng === "en" ? "/?lng=en" : "/";
  return (
    `<!doctype html><html lang="${lng === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6">` +
    `<main><h1>${title}</h1><p>${message}</p><p><a href="${home}">${httpText(lng, "clientError.home")}</a></p></main></body></html>\n`
  );
}
