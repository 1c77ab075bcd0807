/** The WeCom (企业微信) group robot's endpoint: the only address a park's robot key may ever be sent to. */
export const WECOM_HOST = "qyapi.weixin.qq.com";
export const WECOM_PATH = "/cgi-bin/webhook/send";

/**
 * Is `url` the robot endpoint with a key? https, the WeCom host, no userinfo and no explicit port (a URL
 * like https://qyapi.weixin.qq.com@evil/ or :8443 is not the robot endpoint, and the key must only ever
 * travel to the real one). The sender (app/notify/wecom.server.ts) refuses any other address, so the
 * park's form and the imports refuse it too, where the admin sees it.
 */
export function isWecomWebhookUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === "https:" &&
    u.hostname === WECOM_HOST &&
    u.port === "" &&
    u.username === "" &&
    u.password === "" &&
    u.pathname === WECOM_PATH &&
    (u.searchParams.get("key") ?? "").trim() !== ""
  );
}
