import { enhanceInquiryForm } from "~/leads/inquiry-form-script";

// Not a page: this route exists so that Remix's browser build bundles the inquiry form's small script
// (app/leads/inquiry-form-script.ts) as a chunk of its own, sharing chunks with the rest of the app, and
// the form's page can name it (root.tsx: `handle.script`; ADR 041). The page itself loads no React.

export const handle = {
  enhance(): void {
    const form = document.getElementById("inquiry");
    if (form instanceof HTMLFormElement) enhanceInquiryForm(form);
  },
};

export function loader(): never {
  throw new Response(null, { status: 404 });
}
