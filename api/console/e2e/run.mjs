// End-to-end test of the web console in a real browser (playwright-core driving Debian's
// chromium) against a real gongkai-server on a fresh demo store, started by tools/console-test.sh.
// One case goes through its whole life in the browser — registered, assigned, consulted, extended
// with approval, submitted, returned, approved, issued, archived — by the demo users of each role;
// then it is seen in the annual report and replayed in the audit page, and a handler is refused a
// case of another department. A screenshot of every page is saved under $ARTIFACTS.
//
// Env: BASE_URL (http://127.0.0.1:PORT), ADMIN_PASSWORD, ARTIFACTS (directory), CHROMIUM (path).
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { strict as assert } from 'node:assert'

const base = process.env.BASE_URL || 'http://127.0.0.1:8080'
const artifacts = process.env.ARTIFACTS || 'console-artifacts'
const adminPassword = process.env.ADMIN_PASSWORD || ''
const demoPassword = 'gongkai-demo'
mkdirSync(artifacts, { recursive: true })

const failures = []
const problems = [] // browser console errors and CSP violations: each fails the run
let shot = 0

async function step(name, fn) {
  const started = Date.now()
  try {
    await fn()
    console.log(`ok   ${name} (${Date.now() - started} ms)`)
  } catch (e) {
    failures.push(name)
    console.log(`FAIL ${name}: ${e.message.split('\n').slice(0, 6).join('\n     ')}`)
    throw e
  }
}

async function screenshot(page, name) {
  shot += 1
  await page.screenshot({ path: join(artifacts, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true })
}

// The API directly (to compare what the page shows with what the server says).
async function apiLogin(username, password) {
  const res = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  assert.equal(res.status, 201, `login ${username}`)
  return (await res.json()).token
}
async function apiGet(token, path) {
  const res = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.ok(res.ok, `GET ${path}: ${res.status}`)
  return res.json()
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
})
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
context.setDefaultTimeout(15000)
const page = await context.newPage()
page.on('console', (m) => {
  // expected refusals (wrong password, another department's case, a rule) log a failed load
  if (m.type() === 'error' && !/status of (401|404|422)/.test(m.text())) problems.push(m.text())
})
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))

async function login(username, password = demoPassword) {
  await page.goto(`${base}/login`)
  await page.locator('[data-test=username]').fill(username)
  await page.locator('[data-test=password]').fill(password)
  await page.locator('[data-test=password]').press('Enter') // keyboard: Enter submits
  await page.locator('[data-test=whoami]').waitFor()
}

async function logout() {
  await page.locator('[data-test=logout]').click()
  await page.locator('[data-test=username]').waitFor()
}

async function choose(testId, label) {
  await page.locator(`[data-test=${testId}]`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

async function fill(testId, value) {
  const el = page.locator(`[data-test=${testId}]`)
  const tag = await el.evaluate((e) => e.tagName)
  await (tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input')).fill(String(value))
}

// Opens a case, takes an action with `fields` and waits for the stage or a refusal.
async function act(caseId, cmd, fields = async () => {}, expect = {}) {
  if (!page.url().endsWith(`/cases/${caseId}`)) await page.goto(`${base}/cases/${caseId}`)
  await page.locator('[data-test=case-stage]').waitFor()
  const before = await page.locator('.el-timeline-item').count()
  await page.locator(`[data-test=action-${cmd}]`).click()
  await page.locator(`[data-test=form-${cmd}]`).waitFor()
  await fields()
  await page.locator('[data-test=action-submit]').click()
  if (expect.refusal) {
    const refusal = page.locator('[data-test=refusal]')
    await refusal.waitFor()
    assert.equal(await refusal.getAttribute('data-code'), expect.refusal)
    return (await refusal.innerText()).trim()
  }
  await page.locator(`[data-test=form-${cmd}]`).waitFor({ state: 'detached' })
  await page.waitForFunction((n) => document.querySelectorAll('.el-timeline-item').length > n, before)
  if (expect.stage) assert.equal((await page.locator('[data-test=case-stage]').innerText()).trim(), expect.stage)
  return ''
}

const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear()
let caseId = ''
let otherCaseId = ''
let reportBefore = null

try {
  await step('the index is served with a strict Content-Security-Policy', async () => {
    if (process.env.E2E_NO_HEADERS === '1') return // against `vite preview` while developing
    const res = await fetch(`${base}/`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-security-policy'), /script-src 'self';/)
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  })

  await step('the report before the new case', async () => {
    const token = await apiLogin('duban', demoPassword)
    reportBefore = await apiGet(token, `/reports/annual?year=${year}`)
  })

  await step('a wrong password is refused in Chinese', async () => {
    await page.goto(`${base}/`)
    await page.locator('[data-test=username]').waitFor() // not logged in: the login page
    await page.locator('[data-test=username]').fill('dengji')
    await page.locator('[data-test=password]').fill('not-the-password')
    await page.locator('[data-test=login-submit]').click()
    assert.match(await page.locator('[data-test=login-error]').innerText(), /用户名或密码错误/)
    await screenshot(page, 'login')
  })

  await step('admin sees users, departments and the calendar', async () => {
    await login('admin', adminPassword)
    await page.locator('[data-test=users-table]').getByText('dengji').waitFor()
    await screenshot(page, 'admin-users')
    await page.getByRole('tab', { name: '部门' }).click()
    await page.locator('[data-test=dept-code]').fill('D09')
    await page.locator('[data-test=dept-name]').fill('文化站')
    await page.locator('[data-test=dept-submit]').click()
    await page.locator('[data-test=departments-table]').getByText('文化站').waitFor()
    await page.getByRole('tab', { name: '节假日安排' }).click()
    await screenshot(page, 'admin-calendar')
    await logout()
  })

  await step('the registrar registers an application, with the channel hint', async () => {
    await login('dengji')
    await page.locator('[data-test=nav-register]').click()
    await page.locator('[data-test=applicant-name]').fill('张三')
    await page.locator('[data-test=applicant-id]').fill('370303199001011234')
    await choose('channel', '平信邮寄')
    assert.match(await page.locator('[data-test=receipt-hint]').innerText(), /以与申请人确认之日为收到申请之日/)
    await choose('channel', '当面提交')
    await page.locator('[data-test=description]').fill('申请公开本镇2020年道路维修工程的招标文件')
    await screenshot(page, 'register')
    await page.locator('[data-test=register-submit]').click()
    await page.waitForURL(/\/cases\/[A-Z]+-\d{4}-\d{5}$/)
    caseId = decodeURIComponent(page.url().split('/cases/')[1])
    assert.equal((await page.locator('[data-test=case-stage]').innerText()).trim(), '已登记')
    // the identity number is masked unless asked for
    assert.match(await page.locator('[data-test=id-number]').innerText(), /^370303\*+1234$/)
    await page.locator('[data-test=toggle-pii]').click()
    await page.locator('[data-test=id-number]', { hasText: '370303199001011234' }).waitFor()
  })

  await step('the registrar assigns it to 党政办 (D01)', async () => {
    await act(caseId, 'assign', () => choose('field-department', 'D01'), { stage: '办理中' })
    await screenshot(page, 'case-registered')
  })

  await step('the registrar registers a second case straight to 民政办 (D03)', async () => {
    await page.locator('[data-test=nav-register]').click()
    await page.locator('[data-test=applicant-name]').fill('李四')
    await page.locator('[data-test=description]').fill('申请公开低保名单的审批程序')
    await choose('department', 'D03')
    await page.locator('[data-test=register-submit]').click()
    await page.waitForURL((url) => /\/cases\/.+/.test(url.pathname) && !url.pathname.endsWith(caseId))
    otherCaseId = decodeURIComponent(page.url().split('/cases/')[1])
    await logout()
  })

  await step('the handler sees the case in the queue', async () => {
    await login('banli')
    await page.locator('[data-test=queue-table]').getByText(caseId).waitFor()
    await screenshot(page, 'queue')
  })

  await step('the handler consults a third party and records its consent', async () => {
    await act(caseId, 'start-consultation', async () => {
      await fill('field-party', '某建设工程有限公司')
    })
    assert.equal((await page.locator('[data-test=case-clock]').innerText()).trim(), '暂停计时')
    await act(caseId, 'record-consultation-reply', async () => {
      await choose('field-consultation_id', '某建设工程有限公司')
    })
  })

  await step('the handler asks for an extension', async () => {
    await act(caseId, 'request-extension', () => fill('field-reason', '需要调取档案，涉及多个年度'))
  })

  await step('the supervisor approves the extension; the supervision page shows the chart', async () => {
    await logout()
    await login('duban')
    await page.locator('[data-test=nav-supervision]').click()
    await page.locator('[data-test=supervision-chart] canvas').waitFor()
    await screenshot(page, 'supervision')
    await act(caseId, 'approve-extension', () => fill('field-comment', '同意延期'))
  })

  await step('a second extension is refused with the rule in Chinese', async () => {
    await logout()
    await login('banli')
    await act(caseId, 'notify-extension')
    const text = await act(caseId, 'request-extension', () => fill('field-reason', '还要再延'), { refusal: 'extension_already_used' })
    assert.match(text, /只能延长一次/)
    await screenshot(page, 'refusal')
  })

  await step('the handler submits a reply', async () => {
    await page.goto(`${base}/cases/${caseId}`)
    await act(caseId, 'submit-reply', async () => {
      await fill('field-legal_basis', '《中华人民共和国政府信息公开条例》第三十六条第（二）项')
      await fill('field-reply_text', '经审查，您申请的信息予以公开，见附件。')
    }, { stage: '待审核' })
  })

  await step('the supervisor returns it, the handler resubmits, the supervisor approves', async () => {
    await logout()
    await login('duban')
    await act(caseId, 'return-reply', () => fill('field-comment', '请补充附件清单'), { stage: '办理中' })
    await logout()
    await login('banli')
    await act(caseId, 'submit-reply', async () => {
      await fill('field-legal_basis', '《中华人民共和国政府信息公开条例》第三十六条第（二）项')
      await fill('field-reply_text', '经审查，您申请的信息予以公开，附件清单：招标文件1份。')
    }, { stage: '待审核' })
    await logout()
    await login('duban')
    await act(caseId, 'approve-reply', () => fill('field-comment', '同意'), { stage: '已审核' })
  })

  await step('the handler issues the reply and archives the case', async () => {
    await logout()
    await login('banli')
    await act(caseId, 'issue-reply', undefined, { stage: '已办结' })
    await act(caseId, 'archive', () => fill('field-archive_no', `WS-${year}-0001`), { stage: '已归档' })
    const timeline = await page.locator('[data-test=timeline]').innerText()
    assert.ok(timeline.length > 0)
    await screenshot(page, 'case-archived')
  })

  await step("the handler is refused another department's case", async () => {
    await page.goto(`${base}/cases/${otherCaseId}`)
    assert.match(await page.locator('[data-test=case-error]').innerText(), /不存在，或您无权查看/)
    await screenshot(page, 'case-refused')
  })

  await step('the case is counted in the annual report, which balances', async () => {
    await logout()
    await login('duban')
    await page.locator('[data-test=nav-report]').click()
    await page.locator('[data-test=table-three]').waitFor()
    assert.match(await page.locator('[data-test=report-balanced]').innerText(), /平衡/)
    const total = (key) => reportBefore.rows.find((r) => r.key === key).values.at(-1)
    const cell = async (key) => Number(await page.locator(`[data-test=table-three] tr[data-key="${key}"] td`).last().innerText())
    assert.equal(await cell('new'), total('new') + 2) // both new cases were received this year
    assert.equal(await cell('disclosed'), total('disclosed') + 1)
    await page.locator('[data-test=table-four]').waitFor()
    await screenshot(page, 'report')
    await logout()
  })

  await step('the auditor replays the case and verifies its history', async () => {
    await login('shenji')
    await page.goto(`${base}/audit?case=${caseId}`)
    await page.locator('[data-test=audit-snapshot]').getByText('已归档').waitFor()
    await page.locator('[data-test=audit-slider] .el-slider__button-wrapper').focus()
    await page.keyboard.press('Home') // keyboard: back to the first event
    await page.locator('[data-test=audit-snapshot]').getByText('已登记').waitFor()
    await page.locator('[data-test=audit-verify]').click()
    assert.match(await page.locator('[data-test=verify-result]').innerText(), /校验通过/)
    await screenshot(page, 'audit')
    await page.getByRole('tab', { name: '全局事件' }).click()
    await page.locator('[data-test=feed-table] .el-table__row').first().waitFor()
    await screenshot(page, 'audit-feed')
  })

  await step('no console errors and no Content-Security-Policy violations', async () => {
    assert.deepEqual(problems, [])
  })
} catch {
  await screenshot(page, 'failure').catch(() => {})
} finally {
  await browser.close()
}

if (failures.length) {
  console.log(`console e2e: ${failures.length} failed (${failures.join('; ')}); screenshots in ${artifacts}`)
  if (problems.length) console.log('browser errors:\n  ' + problems.join('\n  '))
  process.exit(1)
}
console.log(`console e2e: all passed; screenshots in ${artifacts}`)
