import type { Page } from "playwright-core";
import { expect } from "vitest";

import { axeViolations, seriousViolations } from "./axe";

// What the admin's browser tests do on every page: sign in at /login, wait for hydration, run axe-core,
// photograph at phone and desktop widths, read the flash message.

export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

/** Signs in at /login as `email` and waits for the page it lands on (`landing`, a path). */
export async function signInAt(page: Page, baseUrl: string, email: string, password: string, landing = "/admin"): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/邮箱/).fill(email);
  await page.getByLabel(/密码/).fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname === landing), page.getByRole("button", { name: "登录" }).click()]);
}

export { hydrated } from "./browser";

/** axe-core on the page as it is: no serious or critical violation (the context needs bypassCSP). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = seriousViolations(await axeViolations(page, { runOptions: { resultTypes: ["violations"] } }));
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** Full-page screenshots at phone and desktop width: test/e2e/screenshots/<name>-{phone,desktop}.png. Leaves the desktop width. */
export async function photograph(page: Page, name: string): Promise<void> {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test/e2e/screenshots/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Waits until the page shows a flash message (ADR 025) containing `text`. */
export async function expectFlash(page: Page, text: string): Promise<void> {
  await expect
    .poll(() =>
      page
        .locator("[data-flash]")
        .textContent()
        .catch(() => ""),
    )
    .toContain(text);
}

/**
 * On /admin/import: chooses `buffer` as the file `name`, asks for the preview and waits until its
 * summary contains `summary` (e.g. "新建 1 条，修改 1 条").
 */
export async function previewImport(page: Page, name: string, buffer: Buffer, summary: string): Promise<void> {
  await page.getByLabel(/选择文件/).setInputFiles({ name, mimeType: "application/octet-stream", buffer });
  await page.getByRole("button", { name: "预览" }).click();
  await expect
    .poll(() =>
      page
        .getByTestId("import-summary")
        .innerText()
        .catch(() => ""),
    )
    .toContain(summary);
}

/** On the import preview: confirms it and waits until the applied summary contains `summary`. */
export async function applyImport(page: Page, summary: string): Promise<void> {
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect
    .poll(() =>
      page
        .getByTestId("import-applied")
        .innerText()
        .catch(() => ""),
    )
    .toContain(summary);
}
