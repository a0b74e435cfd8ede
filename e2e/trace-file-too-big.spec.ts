import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { openConsole } from './support/app'

// A trace file over the size the console can open in a browser tab (a 1,000,000-span Jaeger
// export is about 750 MB): the search page says so in plain words, naming the limit, before
// reading a byte of it, and stays usable.
test('a trace file too big to open gets a plain message naming the limit, and the page stays usable', async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracelens-e2e-big-'))
  const file = path.join(dir, 'jaeger-1000000.json')
  // sparse: the size is what is checked, so no 750 MB has to be written
  const fd = openSync(file, 'w')
  ftruncateSync(fd, 745 * 1024 * 1024)
  closeSync(fd)
  try {
    await openConsole(page, '/traces?range=1h')
    await page.getByTestId('trace-file-input').setInputFiles(file)
    const msg = page.getByTestId('trace-file-error')
    await expect(msg).toBeVisible()
    await expect(msg).toContainText('"jaeger-1000000.json" is 745 MB')
    await expect(msg).toContainText('up to 300 MB')
    await expect(msg).toContainText('about 400,000 spans')
    await expect(page).toHaveURL(/\/traces\?/)
    // still usable: the search results are there and another file can be picked
    await expect(page.getByRole('table', { name: 'Matching traces' })).toBeVisible()
    await msg.getByRole('button', { name: 'Dismiss' }).click()
    await expect(msg).toBeHidden()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
