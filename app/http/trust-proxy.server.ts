/** Express's compiled `trust proxy` test: may the peer at `addr`, `i` hops from this server, speak for the client? */
export type TrustFn = (addr: string | undefined, i: number) => boolean;

/**
 * `trust` with its answers remembered, for express's `trust proxy fn` setting. Express asks it for the
 * connection's address several times per request (`req.ip`, `req.protocol`, the request gate's origin),
 * and the compiled test parses the address with ipaddr.js each time: ~3 % of the web's CPU under
 * `POST /api/leads` (docs/benchmarks.md, Intake, 2026-12-01 evening). The answer depends only on the
 * address and the hop, so remembering it changes no decision. At most `max` answers are kept (then the
 * memory starts over), so many client addresses cannot grow it without bound.
 */
export function rememberTrust(trust: TrustFn, max = 1024): TrustFn {
  const answers = new Map<string, boolean>();
  return (addr, i) => {
    if (addr === undefined) return trust(addr, i);
    const key = `${i} ${addr}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= max) answers.clear();
      answer = trust(addr, i);
      answers.set(key, answer);
    }
    return answer;
  };
}
