import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { pgTargets } from '../../../test-support/databases.js'
import { DEMO_ADMIN } from './fixture/console-app.mjs'
import { screenshot, signedInPage, startConsoleRig } from './console-browser.js'
import type { ConsoleRig } from './console-browser.js'

// The console in Chromium against a listening server with the demo app (embedded PostgreSQL):
// each test acts as an admin would and asserts on what the page shows.
describe('admin console in Chromium', () => {
  let rig: ConsoleRig
  const pages: Page[] = []

  const open = async (hash: string, width = 1280) => {
    const page = await signedInPage(rig, width)
    pages.push(page)
    await page.goto(`${rig.url}/_console/#/${hash}`)
    return page
  }

  beforeAll(async () => {
    rig = await startConsoleRig(pgTargets()[0]!)
  }, 120_000)
  afterAll(async () => {
    await Promise.all(pages.map((page) => page.context().close()))
    await rig?.close()
  })

  it('signs in with the keyboard alone and shows the overview', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    pages.push(page)
    await page.goto(`${rig.url}/_console/`)
    // Tab until the email field has the focus (it may have it already).
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name'))
    for (let presses = 0; (await focused()) !== 'email' && presses < 10; presses++) {
      await page.keyboard.press('Tab')
    }
    expect(await focused()).toBe('email')
    await page.keyboard.type(DEMO_ADMIN.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(DEMO_ADMIN.password)
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    await expect.poll(() => page.locator('header').innerText()).toContain(DEMO_ADMIN.email)
    await screenshot(page, 'overview')
  })

  it('shows a wrong password in words and stays on the sign-in form', async () => {
    const context = await rig.browser.newContext()
    const page = await context.newPage()
    pages.push(page)
    await page.goto(`${rig.url}/_console/`)
    await page.getByLabel('Email').fill(DEMO_ADMIN.email)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/email or password/i)
    await screenshot(page, 'sign-in-refused')
  })

  it('creates a model object, shows a field error first, then finds it with a filter', async () => {
    const page = await open('data/posts')
    await page.getByRole('button', { name: 'New object' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('title', { exact: false }).first().fill('Hi')
    await dialog.getByRole('button', { name: 'Create object' }).click()
    // The model says minLength 3: the error shows at the field, the dialog stays open.
    const title = dialog.locator('[aria-invalid="true"]').first()
    await title.waitFor()
    await screenshot(page, 'data-field-error')
    await title.fill('Console e2e post')
    await dialog.getByRole('button', { name: 'Create object' }).click()
    await page.getByRole('status').filter({ hasText: 'Created' }).waitFor()
    await page.getByTestId('filter').first().fill("title == 'Console e2e post'")
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => page.getByTestId('row').count()).toBe(1)
    await expect(page.getByTestId('row').first().innerText()).resolves.toContain('Console e2e post')
    await screenshot(page, 'data-filtered')
    const stored = await rig.server.api.db
      .model('posts')
      .filter("title == 'Console e2e post'")
      .get()
    expect(stored.data).toHaveLength(1)
  })

  it('links reference fields to the referenced object', async () => {
    const page = await open('data/posts')
    const link = page.getByTestId('row').first().locator('a[href*="#/data/authors/"]').first()
    await link.click()
    await expect.poll(() => page.url()).toMatch(/#\/data\/authors\/[0-9a-f]{24}$/)
    // The author's edit form holds its name.
    await expect
      .poll(() =>
        page
          .locator('main input')
          .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).join(' ')),
      )
      .toMatch(/Ada Lovelace|Alan Turing|Grace Hopper/)
  })

  it('uploads a file with a progress bar and shows its image preview', async () => {
    const png = await sharp({
      create: { width: 120, height: 80, channels: 3, background: { r: 10, g: 160, b: 90 } },
    })
      .png()
      .toBuffer()
    const page = await open('storage')
    await page.getByRole('link', { name: 'photos', exact: true }).click()
    await page.getByLabel('Upload files', { exact: true }).setInputFiles({
      name: 'e2e-upload.png',
      mimeType: 'image/png',
      buffer: png,
    })
    await page.locator('[data-testid="upload-progress"][data-status="done"]').waitFor()
    const row = page.getByTestId('row').filter({ hasText: 'e2e-upload.png' })
    await row.waitFor()
    await row.getByRole('button', { name: 'Preview' }).click()
    const preview = page.getByTestId('preview')
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0)
    await expect(preview.getAttribute('alt')).resolves.toBe('e2e-upload.png')
    await screenshot(page, 'storage-preview')
  })

  it('retries a failed message, which then completes', async () => {
    const page = await open('jobs/queues/emails/errors')
    const row = page.getByTestId('row').filter({ hasText: 'broken@example.com' })
    await row.waitFor()
    await expect(row.innerText()).resolves.toContain('mail server refused')
    await rig.server.cache.set('mail-server-fixed', true)
    await row.getByRole('button', { name: 'Retry' }).click()
    await page.goto(`${rig.url}/_console/#/jobs/queues/emails/completed`)
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click()
        return page.getByTestId('row').filter({ hasText: 'broken@example.com' }).count()
      })
      .toBe(1)
    await screenshot(page, 'jobs-retried')
  })

  it('creates a key, shows its secret once, and revokes it', async () => {
    const page = await open('keys')
    await page.getByRole('button', { name: 'New key' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('e2e key')
    await dialog.getByRole('button', { name: 'Create key' }).click()
    const secret = (await page.getByTestId('secret').innerText()).trim()
    expect(secret).toMatch(/^b[a-z]k_/)
    await screenshot(page, 'key-created')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('button', { name: 'Revoke e2e key' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
    await expect
      .poll(() => page.getByTestId('row').filter({ hasText: 'e2e key' }).innerText())
      .toMatch(/revoked/i)
    await screenshot(page, 'key-revoked')
    // The server refuses the revoked key at once.
    const answer = await fetch(`${rig.url}/_api/rest/v1/cache/listKeys`, {
      method: 'POST',
      headers: { 'x-client-key': secret, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(answer.status).toBe(401)
  })

  it('collapses the navigation into a menu on a phone-sized window', async () => {
    const page = await open('users', 390)
    const menu = page.getByRole('button', { name: /menu/i })
    await menu.waitFor()
    await expect(page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(false)
    await menu.click()
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Storage' })
      .click()
    await expect.poll(() => page.url()).toMatch(/#\/storage$/)
    await screenshot(page, 'phone-storage')
  })
})
