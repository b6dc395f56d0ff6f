import { expect, test } from '@playwright/test';

test.describe('browsing the catalog', () => {
  test('narrows the list with facets, keeps them in the URL, and stars an entity', async ({ page }) => {
    await page.goto('/catalog');
    const filters = page.getByRole('navigation', { name: 'Filters' });
    await filters.getByRole('checkbox', { name: 'Component', exact: true }).check();
    await expect(page).toHaveURL(/kind=/);
    await filters.getByRole('checkbox', { name: 'deprecated', exact: true }).check();
    const table = page.getByRole('table', { name: 'Catalog entities' });
    await expect(page.getByText(/^\d+ entit(y|ies)$/)).toHaveText(/^2 entities$/);
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(3);
    await page.screenshot({ path: 'test-results/catalog-facets.png' });

    await page.reload();
    await expect(filters.getByRole('checkbox', { name: 'deprecated', exact: true })).toBeChecked();
    await expect(rows).toHaveCount(3);

    const firstName = (await rows.nth(1).getByRole('link').first().textContent()) ?? '';
    await rows.nth(1).getByRole('button', { name: /^Star / }).click();
    await page.goto('/catalog');
    await page.getByRole('button', { name: /Starred/ }).click();
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('link', { name: firstName })).toBeVisible();
  });

  test('shows relations, the dependency graph, APIs and the raw YAML of a component', async ({ page }) => {
    await page.goto('/catalog/default/component/parcel-tracker');
    await page.getByRole('tab', { name: 'API' }).click();
    await expect(page.getByRole('link', { name: /parcel-tracking-api|Parcel Tracking API/i }).first()).toBeVisible();
    await page.getByRole('tab', { name: 'YAML' }).click();
    await expect(page.getByText('kind: Component').first()).toBeVisible();
    await page.getByRole('tab', { name: 'Dependencies' }).click();
    const node = page.getByRole('link', { name: 'scan-ingestor', exact: true }).first();
    await expect(node).toBeVisible();
    await page.screenshot({ path: 'test-results/entity-graph.png', fullPage: true });
    await node.click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/scan-ingestor/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/scan/i);
  });

  test('shows a group with its members and what it owns', async ({ page }) => {
    await page.goto('/catalog/default/group/team-parcel-tracking');
    await page.getByRole('tab', { name: 'Members' }).click();
    await expect(page.getByText(/@northwind/).first()).toBeVisible();
    await page.getByRole('tab', { name: 'Ownership' }).click();
    await expect(page.getByRole('link', { name: /parcel tracker|parcel-tracker/i }).first()).toBeVisible();
  });

  test('previews a location before importing, and explains what cannot be read', async ({ page }) => {
    await page.goto('/catalog-import');
    await expect(page.getByText(/catalog-info\.yaml/).first()).toBeVisible();
    await page.getByRole('textbox').first().fill('https://internal.example.net/catalog-info.yaml');
    await page.getByRole('button', { name: /Analy[sz]e/ }).click();
    await expect(page.getByText(/not allowed/).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/register-not-allowed.png' });
  });
});
