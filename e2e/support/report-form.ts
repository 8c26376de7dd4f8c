/**
 * The clerk's monthly report form, as the flows that file a report use it: every flagged figure explained, and the
 * press of 提交审核 that opens the confirmation.
 */
import type { Page } from 'playwright-core';

/** Fills every explanation box the form asks for (the rule may flag figures the history makes unusual). */
export async function explainEveryFlag(page: Page, explanation = '本月新增夜市摊位，客流明显增加') {
  const boxes = page.locator('textarea[id$="-explanation"]');
  for (const box of await boxes.all()) {
    if (!(await box.inputValue()).trim()) await box.fill(explanation);
  }
}

/**
 * Presses 提交审核 and answers the confirmation's locator. The first press may only reveal flags of figures left
 * blank (the form focuses the first): they are explained and the button pressed again.
 */
export async function openSubmitConfirmation(page: Page, explanation?: string) {
  await page.getByRole('button', { name: '提交审核' }).click();
  const dialog = page.locator('.ant-modal-confirm');
  if (!(await dialog.isVisible().catch(() => false))) {
    await page.waitForTimeout(300);
    if (!(await dialog.isVisible())) {
      await explainEveryFlag(page, explanation);
      await page.getByRole('button', { name: '提交审核' }).click();
    }
  }
  await dialog.waitFor({ timeout: 20_000 });
  return dialog;
}
