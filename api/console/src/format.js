// Words and dates as people in the office read them: 2021年3月10日, 办理中, 当面提交.
export function fmtDate(iso) {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

// An RFC 3339 instant in China time (UTC+8): 2021年3月10日 10:05
export function fmtInstant(iso) {
  if (!iso) return '—'
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  const c = new Date(t.getTime() + 8 * 3600 * 1000)
  const pad = (n) => String(n).padStart(2, '0')
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`
}

// Today in China time as YYYY-MM-DD (the default of business-date fields).
export function todayIso() {
  const c = new Date(Date.now() + 8 * 3600 * 1000)
  return c.toISOString().slice(0, 10)
}

export const stageLabels = {
  registered: '已登记',
  correction_pending: '待补正',
  in_progress: '办理中',
  under_review: '待审核',
  approved: '已审核',
  closed: '已办结',
  archived: '已归档',
}

export const channelLabels = {
  in_person: '当面提交',
  post_signed: '邮寄（挂号/EMS，需签收）',
  post_ordinary: '平信邮寄',
  online: '互联网（在线平台）',
  fax: '传真',
  email: '电子邮件',
  oral: '口头提出',
}

// DOMAIN.md §2, register: the receipt date by channel (条例第三十一条).
export const channelReceiptHints = {
  in_person: '当面提交的，以申请人提交申请之日为收到申请之日。',
  post_signed: '以邮寄方式提交的，以行政机关签收之日为收到申请之日。',
  post_ordinary: '以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日。',
  online: '通过互联网渠道提交的，以双方确认之日为收到申请之日。',
  fax: '通过传真提交的，以双方确认之日为收到申请之日。',
  email: '通过电子邮件提交的，以双方确认之日为收到申请之日。',
  oral: '口头提出的，由受理机关代为填写申请，以申请人确认之日为收到申请之日。',
}

export const applicantTypeLabels = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  public_interest_org: '社会公益组织',
  legal_services_org: '法律服务机构',
  other_org: '其他',
}

export const idTypeLabels = {
  resident_id: '居民身份证',
  passport: '护照',
  other: '其他证件',
}

export const roleLabels = {
  admin: '系统管理员',
  registrar: '登记人员',
  handler: '承办人',
  supervisor: '工作机构负责人',
  auditor: '审计/监督',
}

export const dispositionLabels = {
  disclosed: '（一）予以公开',
  partially_disclosed: '（二）部分公开',
  'withheld.state_secret': '（三）不予公开 1.属于国家秘密',
  'withheld.prohibited_by_law': '（三）不予公开 2.其他法律行政法规禁止公开',
  'withheld.security_stability': '（三）不予公开 3.危及“三安全一稳定”',
  'withheld.third_party_rights': '（三）不予公开 4.保护第三方合法权益',
  'withheld.internal_affairs': '（三）不予公开 5.属于三类内部事务信息',
  'withheld.process_information': '（三）不予公开 6.属于四类过程性信息',
  'withheld.enforcement_file': '（三）不予公开 7.属于行政执法案卷',
  'withheld.administrative_inquiry': '（三）不予公开 8.属于行政查询事项',
  'unavailable.not_held': '（四）无法提供 1.本机关不掌握相关政府信息',
  'unavailable.needs_creation': '（四）无法提供 2.没有现成信息需要另行制作',
  'unavailable.still_unclear': '（四）无法提供 3.补正后申请内容仍不明确',
  'not_processed.petition': '（五）不予处理 1.信访举报投诉类申请',
  'not_processed.repeated': '（五）不予处理 2.重复申请',
  'not_processed.publication': '（五）不予处理 3.要求提供公开出版物',
  'not_processed.excessive': '（五）不予处理 4.无正当理由大量反复申请',
  'not_processed.confirmation': '（五）不予处理 5.要求行政机关确认或重新出具已获取信息',
  'other.correction_lapsed': '（六）其他处理 1.逾期不补正',
  'other.fee_lapsed': '（六）其他处理 2.逾期未缴费',
  'other.other': '（六）其他处理 3.其他',
}

export const consultationKindLabels = {
  third_party: '第三方（第三十二条）',
  co_producer: '共同制作机关（第三十四条）',
  other_agency: '其他机关（第三十三条）',
}
export const opinionLabels = { consent: '同意公开', object: '不同意公开', none: '未表态', agency_decides: '由本机关决定' }
export const serviceMethodLabels = { in_person: '当面', post: '邮寄', email: '电子邮件', online: '在线平台' }

export const options = (labels) => Object.entries(labels).map(([value, label]) => ({ value, label }))

// A due date as the queue shows it: 还剩3个工作日 / 已逾期 / 暂停.
export function clockText(c) {
  if (!c) return '—'
  if (c.status === 'paused') return '暂停计时'
  if (c.status === 'stopped') return '已停止'
  if (c.overdue) return '已逾期'
  if (c.working_days_left == null) return '—'
  return `还剩${c.working_days_left}个工作日`
}

export function clockTagType(c) {
  if (!c) return 'info'
  if (c.status === 'paused') return 'info'
  if (c.overdue) return 'danger'
  if (c.due_soon) return 'warning'
  return 'success'
}

// The clocks of GET /cases/{id}/deadlines (DOMAIN.md §3) by name.
export function clockName(clock) {
  const names = {
    reply: '答复期限',
    correction_notice: '补正告知期限（7个工作日）',
    correction: '补正期限',
    fee_payment: '缴费期限（20个工作日）',
    fee_notice: '收费通知期限',
  }
  if (names[clock]) return names[clock]
  const m = /^consultation:(\d+)$/.exec(clock || '')
  if (m) return `第${m[1]}号征求意见期限（15个工作日）`
  return clock
}
