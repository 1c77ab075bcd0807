import type { AddressInfo, Socket } from "node:net";

import { SMTPServer, type SMTPServerOptions } from "smtp-server";

// A real SMTP server on loopback that keeps what it receives (msw is HTTP only), and just enough
// RFC 5322 / MIME reading to check what arrived (mailparser is not installed).

export type Received = { mailFrom: string; rcptTo: string[]; raw: string };

export type TestServer = {
  url: string;
  received: Received[];
  connections: number;
  /** Cut every open connection without a reply, as a crashing server or a broken network would. */
  dropConnections(): void;
  close(): Promise<void>;
};

export async function startSmtpServer(handlers: Partial<SMTPServerOptions> = {}): Promise<TestServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    // STARTTLS stays advertised (smtp-server's self-signed certificate): the mailer must not try it
    // on loopback, which is the documented TLS policy.
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback(null);
      });
    },
    ...handlers,
  });
  server.server.on("connection", (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const handle: TestServer = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get connections() {
      return state.connections;
    },
    dropConnections() {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return handle;
}

// ---- minimal RFC 5322 / MIME reading, just enough for these assertions (mailparser is not installed)

function splitHead(raw: string): { headers: Map<string, string[]>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : "";
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(i + 1).trim()]);
  }
  return { headers, body };
}

/** RFC 2047: adjacent encoded words are joined (the space between them is not text), bytes decoded once. */
export function decodeWords(value: string): string {
  const parts: { charset: string; bytes: Buffer }[] = [];
  const text = value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toUpperCase() === "B"
          ? Buffer.from(data, "base64")
          : Buffer.from(
              data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              "latin1",
            );
      parts.push({ charset, bytes });
      return `\u0000${parts.length - 1}\u0000`;
    });
  // Merge runs of consecutive placeholders so a character split across two words decodes.
  return text.replace(/(?:\u0000\d+\u0000)+/g, (run) => {
    const idx = [...run.matchAll(/\u0000(\d+)\u0000/g)].map((m) => parts[Number(m[1])]);
    return new TextDecoder(idx[0].charset).decode(Buffer.concat(idx.map((p) => p.bytes)));
  });
}

function decodeBody(body: string, transferEncoding: string | undefined): string {
  switch ((transferEncoding ?? "7bit").toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8");
    default:
      return body;
  }
}

export type Parsed = { headers: Map<string, string[]>; subject: string; parts: Map<string, string> };

export function parseMessage(raw: string): Parsed {
  const { headers, body } = splitHead(raw);
  const contentType = headers.get("content-type")?.[0] ?? "";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const parts = new Map<string, string>();
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const part = splitHead(chunk.replace(/^\r?\n/, ""));
      const type = (part.headers.get("content-type")?.[0] ?? "").split(";")[0].trim().toLowerCase();
      parts.set(type, decodeBody(part.body, part.headers.get("content-transfer-encoding")?.[0]));
    }
  }
  return { headers, subject: decodeWords(headers.get("subject")?.[0] ?? ""), parts };
}
