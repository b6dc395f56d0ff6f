import { expect, test } from '@playwright/test';

test.describe('TechDocs in a browser', () => {
  test('opens the Docs tab, follows a link to a second page, and uses the table of contents', async ({ page }) => {
    await page.goto('/catalog/default/component/parcel-tracker');
    await page.getByRole('tab', { name: 'Docs' }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/parcel-tracker\/docs$/);

    const article = page.locator('article');
    await expect(article.getByRole('heading', { level: 1, name: 'Parcel Tracker' })).toBeVisible();
    const siteNav = page.getByRole('navigation', { name: 'Site navigation' }).last();
    await expect(siteNav.getByRole('link', { name: 'Data model' })).toBeVisible();
    // The image is served by the backend from the docs folder.
    const image = article.getByRole('img', { name: 'How a scan becomes a status' });
    await expect(image).toBeVisible();
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // A relative link in the Markdown becomes a route of the reader.
    await article.getByRole('link', { name: 'Getting started' }).click();
    await expect(page).toHaveURL(/\/docs\/getting-started$/);
    await expect(article.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();
    await expect(article.locator('code.hljs.language-go .hljs-keyword').first()).toBeVisible();

    // The table of contents jumps to a heading and follows the scroll.
    const toc = page.getByRole('navigation', { name: 'On this page' });
    await toc.getByRole('link', { name: 'Make a change' }).click();
    await expect(page).toHaveURL(/\/docs\/getting-started#make-a-change$/);
    await expect(article.getByRole('heading', { name: 'Make a change' })).toBeInViewport();
    await expect(toc.getByRole('link', { name: 'Make a change' })).toHaveAttribute('aria-current', 'location');
    await page.screenshot({ path: 'test-results/techdocs-reader.png' });

    // Back and forward move between headings and pages.
    await page.goBack();
    await expect(page).toHaveURL(/\/docs\/getting-started$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/parcel-tracker\/docs$/);
    await expect(article.getByRole('heading', { level: 1, name: 'Parcel Tracker' })).toBeVisible();
    await page.goForward();
    await expect(article.getByRole('heading', { level: 1, name: 'Getting started' })).toBeVisible();

    // A deep link opens the page at its heading.
    await page.goto('/catalog/default/component/parcel-tracker/docs/operations/runbook#scan-ingestor-lag');
    await expect(article.getByRole('heading', { name: 'Scan ingestor lag' })).toBeInViewport();
  });

  test('draws Mermaid diagrams in the browser and lists documented entities in the docs index', async ({ page }) => {
    await page.goto('/catalog/default/component/parcel-tracker/docs/architecture');
    await expect(page.locator('article pre.mermaid svg')).toBeVisible();

    await page.goto('/docs');
    const list = page.getByRole('list', { name: 'Documented entities' });
    await expect(list.getByRole('link', { name: /Parcel Tracker/ })).toBeVisible();
    await expect(list.getByRole('link', { name: /Callboard/ })).toBeVisible();
    await page.getByRole('textbox', { name: 'Search docs by name or description' }).fill('parcel');
    await expect(page).toHaveURL(/q=parcel/);
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await list.getByRole('link', { name: /Parcel Tracker/ }).click();
    await expect(page).toHaveURL(/\/parcel-tracker\/docs$/);
  });

  test('explains a broken mkdocs.yml on the Docs tab while the rest of the entity page works', async ({ page }) => {
    // An e2e-only entity (e2e/fixtures): its mkdocs.yml has a badly indented nav entry.
    await page.goto('/catalog/default/component/ledger-export');
    await expect(page.getByRole('heading', { name: 'About', exact: true })).toBeVisible();
    await expect(page.getByText('Nightly export of the ledger').first()).toBeVisible();

    await page.getByRole('tab', { name: 'Docs' }).click();
    await expect(page).toHaveURL(/\/ledger-export\/docs$/);
    const alert = page.getByRole('alert').filter({ hasText: 'These docs cannot be shown' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/The docs of component:default\/ledger-export cannot be built: mkdocs\.yml is not valid YAML \(line 4/);
    await expect(alert).toContainText("Fix the docs' source in their repository, then Retry.");
    await expect(page.locator('article')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/techdocs-broken-site.png' });

    // The other tabs, and the overview, are untouched by the docs' failure.
    await page.getByRole('tab', { name: 'YAML' }).click();
    await expect(page.getByText('backstage.io/techdocs-ref: dir:./broken-docs').first()).toBeVisible();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(page.getByRole('heading', { name: 'About', exact: true })).toBeVisible();
    await expect(page.getByText('platform-engineering').first()).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Docs' })).toBeVisible();
  });
});
