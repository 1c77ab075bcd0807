import type { ReactNode } from "react";

/**
 * A phone number as a link that calls it: `href` is telHref's (computed by the loader, so the pages'
 * bundles carry no phone metadata); null — no number we dial — shows the number as text.
 */
export function TelLink({ href, className = "tel", children }: { href: string | null; className?: string; children: ReactNode }) {
  return href ? (
    <a className={className} href={href}>
      {children}
    </a>
  ) : (
    <span className={className}>{children}</span>
  );
}
