// Browsers ask for /favicon.ico on every page; answer with a small SVG mark instead of a 404.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b6bcb"/><path d="M3 13V7l4-3v3l3-2v3l3-2v7z" fill="#fff"/></svg>`;

export function loader() {
  return new Response(ICON, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" } });
}
