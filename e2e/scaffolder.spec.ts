import { expect, test } from '@playwright/test';

test.describe('software templates in a browser', () => {
  test('lists the installed actions with their inputs, and filters them', async ({ page }) => {
    await page.goto('/create/actions');
    await expect(page.getByRole('heading', { name: 'Installed actions', level: 1 })).toBeVisible();

    const fetchTemplate = page.getByRole('article', { name: 'fetch:template' });
    await expect(fetchTemplate).toBeVisible();
    const inputs = fetchTemplate.getByRole('table', { name: 'Input of fetch:template' });
    await expect(inputs.getByRole('row', { name: /^url required string/ })).toBeVisible();
    await expect(inputs.getByRole('row', { name: /^copyWithoutTemplating array of string/ })).toBeVisible();

    await page.getByRole('textbox', { name: 'Filter actions' }).fill('publish');
    await expect(page.getByRole('article')).toHaveCount(2);
    await expect(page.getByRole('article', { name: 'publish:github' })).toBeVisible();
    await page.screenshot({ path: 'test-results/installed-actions.png', fullPage: true });
  });
});
