import { expect, test } from '@playwright/test';

test.describe('software templates in a browser', () => {
  test('creates a service through the example template’s wizard, follows the live log, and opens it in the catalog', async ({ page }) => {
    test.setTimeout(60_000);
    // Each run publishes a new repository; a unique name keeps reruns apart.
    const name = `e2e-svc-${Date.now().toString(36)}`;

    await page.goto('/create');
    await expect(page.getByRole('heading', { name: 'Create something new', level: 1 })).toBeVisible();
    const card = page.getByRole('article', { name: 'Node.js service' });
    await expect(card).toBeVisible();
    await expect(card.getByText('recommended')).toBeVisible();
    await card.getByRole('link', { name: 'Choose Node.js service' }).click();

    // Page 1: inline validation before anything else.
    await expect(page.getByRole('heading', { name: 'About the service', level: 2 })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Required').first()).toBeVisible();
    await page.getByRole('textbox', { name: 'Name' }).fill('Not A Name');
    await expect(page.getByText(/Letters, digits and single/)).toBeVisible();
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    await page.getByRole('textbox', { name: 'Description' }).fill('Made by the end-to-end test');

    // The owner is found by the server as we type.
    await page.getByRole('combobox', { name: 'Owner' }).fill('platform');
    await page.getByRole('option', { name: /Platform Engineering/ }).click();
    await page.getByRole('combobox', { name: 'Tags' }).fill('e2e');
    await page.getByRole('combobox', { name: 'Tags' }).press('Enter');
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 2: the local Git host is the only one configured, so it is chosen.
    await expect(page.getByRole('heading', { name: 'Where it lives', level: 2 })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Host' })).toContainText('This machine');
    await page.getByRole('textbox', { name: 'Owner' }).fill('northwind');
    await page.getByRole('textbox', { name: 'Repository' }).fill(name);
    await page.getByRole('button', { name: 'Review' }).click();

    // Review: nothing has run yet.
    const review = page.getByRole('table', { name: 'Review of About the service' });
    await expect(review.getByRole('row', { name: new RegExp(`Name ${name}`) })).toBeVisible();
    await expect(review.getByRole('row', { name: /Owner group:default\/platform-engineering/ })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`Repository northwind/${name} on local`) })).toBeVisible();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task page streams the log and each step's state.
    await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
    const log = page.getByRole('log', { name: 'Run log' });
    await expect(log).toContainText('Beginning step Fetch skeleton');
    await expect(page.getByRole('button', { name: 'Publish: Done' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('Run status')).toHaveText('Completed', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Register in the catalog: Done' })).toBeVisible();
    await expect(log).toContainText(`Registered component:default/${name}`);
    const output = page.getByRole('region', { name: 'Output' });
    await expect(output.getByRole('heading', { name: 'Next steps' })).toBeVisible();
    await page.screenshot({ path: 'test-results/scaffolder-task.png', fullPage: true });

    // A step's own log.
    await page.getByRole('button', { name: 'Publish: Done' }).click();
    await expect(page.getByRole('heading', { name: 'Log of Publish' })).toBeVisible();
    await expect(log).not.toContainText('Beginning step Fetch skeleton');

    // The new component is in the catalog, owned as chosen.
    await output.getByRole('link', { name: 'Open in catalog' }).click();
    await expect(page).toHaveURL(new RegExp(`/catalog/default/component/${name}$`));
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'platform-engineering' }).first()).toBeVisible();
  });

  test('a template’s catalog page leads to its wizard', async ({ page }) => {
    await page.goto('/catalog/default/template/node-service');
    const card = page.getByRole('region', { name: 'Use this template' });
    await card.getByRole('link', { name: 'Open the wizard' }).click();
    await expect(page).toHaveURL(/\/create\/templates\/default\/node-service$/);
    await expect(page.getByRole('heading', { name: 'About the service', level: 2 })).toBeVisible();
  });

  test('the template editor dry-runs a template and shows the files it would write', async ({ page }) => {
    await page.goto('/create/edit');
    await expect(page.getByRole('heading', { name: 'Template editor', level: 1 })).toBeVisible();
    await page.getByRole('textbox', { name: 'Name' }).fill('dry-demo');
    await page.getByRole('combobox', { name: 'Owner' }).fill('platform');
    await page.getByRole('option', { name: /Platform Engineering/ }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    const result = page.getByRole('region', { name: 'Dry-run result' });
    await expect(result.getByRole('button', { name: 'catalog-info.yaml' })).toBeVisible();
    await expect(result.getByLabel('File content')).toContainText('name: dry-demo');
    await expect(result.getByRole('log', { name: 'Dry-run log' })).toContainText('Wrote catalog-info.yaml for dry-demo');

    // A broken template says what is wrong, and the form waits for a fix.
    await page.getByRole('textbox', { name: 'Template YAML' }).fill('kind: Template\napiVersion: scaffolder.backstage.io/v1beta3\nmetadata: [');
    await expect(page.getByLabel('Template problems')).toContainText('does not parse');
  });

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
