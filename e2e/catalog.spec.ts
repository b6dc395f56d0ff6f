import { expect, test } from '@playwright/test';

test.describe('the catalog in a browser', () => {
  test('lists the example organisation, filters to one component, and opens its page', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/catalog$/);

    const table = page.getByRole('table', { name: 'Catalog entities' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    // The example organisation plus Callboard's own catalog-info.yaml.
    await expect(page.getByText(/\d+ entities/)).toBeVisible();

    await page.getByRole('textbox', { name: 'Search the catalog' }).fill('parcel-tracker');
    await expect(page).toHaveURL(/q=parcel-tracker/);
    await expect(table.getByRole('link', { name: /parcel tracker/i }).first()).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);

    await table.getByRole('link', { name: /parcel tracker/i }).first().click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/parcel-tracker$/);

    const about = page.locator('section, div').filter({ has: page.getByRole('heading', { name: 'About', exact: true }) }).last();
    await expect(page.getByRole('heading', { name: 'About', exact: true })).toBeVisible();
    await expect(about.getByText('team-parcel-tracking').first()).toBeVisible();
    await expect(about.getByText('production').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/entity-page.png', fullPage: true });

    // Back returns to the filtered list, kept in the URL.
    await page.goBack();
    await expect(page).toHaveURL(/q=parcel-tracker/);
    await expect(page.getByRole('textbox', { name: 'Search the catalog' })).toHaveValue('parcel-tracker');
  });

  test('filters by kind from the facet list and pages through on the server', async ({ page }) => {
    await page.goto('/catalog?kind=user&pageSize=20');
    const table = page.getByRole('table', { name: 'Catalog entities' });
    await expect(table.getByRole('row')).toHaveCount(21);
    const firstPageFirstRow = (await table.getByRole('row').nth(1).textContent()) ?? '';
    await page.getByRole('button', { name: /next/i }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(table.getByRole('row').nth(1)).not.toHaveText(firstPageFirstRow);
    await page.getByRole('button', { name: /previous/i }).click();
    await expect(table.getByRole('row').nth(1)).toHaveText(firstPageFirstRow);
    await page.screenshot({ path: 'test-results/catalog-users.png', fullPage: true });
  });

  test('shows contributed tabs: notes can be added on an entity', async ({ page }) => {
    await page.goto('/catalog/default/component/parcel-tracker');
    await page.getByRole('tab', { name: 'Notes' }).click();
    await expect(page).toHaveURL(/parcel-tracker\/notes$/);
    const text = `Pager rota moved to team-parcel-tracking ${Date.now()}`;
    await page.getByRole('textbox', { name: 'Add a note' }).fill(text);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('list', { name: 'Notes' }).getByText(text)).toBeVisible();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(page.getByText(text)).toBeVisible();
  });

  test('explains an unknown entity and an unknown page', async ({ page }) => {
    await page.goto('/catalog/default/component/does-not-exist');
    await expect(page.getByText(/No component named default\/does-not-exist/i)).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: /not found|does not exist/i })).toBeVisible();
    await expect(page.getByRole('link', { name: /catalog/i }).first()).toBeVisible();
  });

  test('remembers the dark theme across reloads', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/catalog');
    const bodyColor = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bodyColor();
    await page.getByRole('button', { name: /dark/i }).click();
    await expect.poll(bodyColor).not.toBe(light);
    const dark = await bodyColor();
    await page.reload();
    await expect(page.getByRole('table', { name: 'Catalog entities' })).toBeVisible();
    expect(await bodyColor()).toBe(dark);
    await page.screenshot({ path: 'test-results/catalog-dark.png' });
  });
});
