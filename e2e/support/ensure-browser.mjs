// Makes sure a Chromium exists for Playwright: its own, or Debian's package (installed here when
// running as root on Debian), else stops with one plain sentence saying what to install.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromiumExecutable, ownChromiumInstalled } from './browser.mjs'

// (chromiumExecutable() is undefined both for Playwright's own browser and for no browser at all)
if (!ownChromiumInstalled() && !chromiumExecutable()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const isDebian = existsSync('/etc/debian_version')
  if (isRoot && isDebian) {
    console.log('No Chromium found: installing Debian\'s "chromium" package (about 480 MB)…')
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
  }
  if (!chromiumExecutable() && !existsSync('/usr/bin/chromium')) {
    console.error(
      'No browser for the end-to-end tests: install Chromium (Debian: "apt-get install chromium") or run "npx playwright install chromium".',
    )
    process.exit(1)
  }
}
