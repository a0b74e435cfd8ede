import { test as teardown } from '@playwright/test'
import { stopRealStack } from '../support/real-stack.mjs'

teardown('stop the real servers', async () => {
  await stopRealStack()
})
