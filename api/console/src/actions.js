// The case commands of API.md as forms: who may take each (the role table of API.md), in which
// stages it makes sense (DOMAIN.md §2), and its fields. The server judges the rules; a refusal
// comes back with its code and is shown in Chinese (codes.js).
import { consultationKindLabels, dispositionLabels, opinionLabels, options, serviceMethodLabels, todayIso } from './format.js'

const open = ['registered', 'correction_pending', 'in_progress', 'under_review', 'approved']
const date = (key, label, required = true) => ({ key, label, type: 'date', required, default: todayIso })
const text = (key, label, required = true) => ({ key, label, type: 'text', required })
const area = (key, label, required = true) => ({ key, label, type: 'textarea', required })
const select = (key, label, opts, required = true) => ({ key, label, type: 'select', options: opts, required })
const number = (key, label, extra = {}) => ({ key, label, type: 'number', required: true, ...extra })

export const caseActions = [
  { cmd: 'assign', label: '分办', roles: ['registrar', 'supervisor'], stages: ['registered', 'in_progress'],
    fields: [{ key: 'department', label: '承办部门', type: 'department', required: true }, text('handler', '承办人用户名（选填）', false)] },
  { cmd: 'acknowledge', label: '出具回执', roles: ['registrar'], stages: open,
    fields: [date('given_on', '出具日期'), select('method', '方式', options({ in_person: '当面', post: '邮寄', email: '电子邮件', online: '在线' }))] },
  { cmd: 'request-correction', label: '补正告知', roles: ['handler', 'registrar'], stages: ['registered', 'in_progress'],
    fields: [{ key: 'items', label: '需补正事项（每行一项）', type: 'list', required: true }, date('notified_on', '告知日期'),
      { key: 'deadline_on', label: '补正期限', type: 'date', required: true }] },
  { cmd: 'receive-correction', label: '收到补正', roles: ['handler', 'registrar'], stages: ['correction_pending'],
    fields: [date('received_on', '收到补正日期'), area('summary', '补正内容摘要')] },
  { cmd: 'transfer', label: '转办', roles: ['handler', 'supervisor'], stages: ['in_progress'],
    fields: [{ key: 'to_department', label: '转至部门', type: 'department', required: true }, area('reason', '转办理由')] },
  { cmd: 'start-consultation', label: '征求意见', roles: ['handler'], stages: ['in_progress'],
    fields: [select('kind', '类型', options(consultationKindLabels)), text('party', '征求对象'), date('sent_on', '发函日期'),
      { key: 'received_by_party_on', label: '对方收到日期（选填）', type: 'date', required: false }] },
  { cmd: 'record-consultation-reply', label: '收到意见', roles: ['handler'], stages: ['in_progress'], needs: 'open_consultation',
    fields: [{ key: 'consultation_id', label: '征求意见', type: 'consultation', required: true }, date('received_on', '收到日期'),
      select('opinion', '意见', options({ consent: opinionLabels.consent, object: opinionLabels.object, none: opinionLabels.none })), text('reason', '理由（选填）', false)] },
  { cmd: 'close-consultation', label: '结束征求意见', roles: ['handler'], stages: ['in_progress'], needs: 'open_consultation',
    fields: [{ key: 'consultation_id', label: '征求意见', type: 'consultation', required: true }, date('closed_on', '结束日期')] },
  { cmd: 'issue-fee-notice', label: '收费通知', roles: ['handler'], stages: ['in_progress'],
    fields: [select('basis', '计费方式', options({ per_application: '按件', per_page: '按页' })), { key: 'pages', label: '页数（按页计费）', type: 'number', required: false },
      number('amount_yuan', '金额（元）'), date('notified_on', '通知日期')] },
  { cmd: 'record-fee-payment', label: '登记缴费', roles: ['handler'], stages: ['in_progress'],
    fields: [date('paid_on', '缴费日期'), number('amount_yuan', '金额（元）'), text('receipt_no', '收据号')] },
  { cmd: 'request-extension', label: '申请延期', roles: ['handler'], stages: ['in_progress'],
    fields: [number('days', '延长工作日', { default: () => 20, min: 1, max: 20 }), area('reason', '延期理由'), date('requested_on', '申请日期', false)] },
  { cmd: 'approve-extension', label: '批准延期', roles: ['supervisor'], stages: ['in_progress'],
    fields: [text('comment', '审批意见（选填）', false), date('decided_on', '审批日期', false)] },
  { cmd: 'reject-extension', label: '不批准延期', roles: ['supervisor'], stages: ['in_progress'],
    fields: [text('comment', '审批意见（选填）', false), date('decided_on', '审批日期', false)] },
  { cmd: 'notify-extension', label: '告知延期', roles: ['handler'], stages: ['in_progress'],
    fields: [date('notified_on', '告知日期'), select('method', '告知方式', options({ post: '邮寄', email: '电子邮件', phone: '电话', in_person: '当面', online: '在线' }))] },
  { cmd: 'submit-reply', label: '拟办答复', roles: ['handler'], stages: ['in_progress'],
    fields: [select('disposition', '办理结果', options(dispositionLabels)), text('legal_basis', '法律依据'), area('reply_text', '答复内容')] },
  { cmd: 'approve-reply', label: '审核通过', roles: ['supervisor'], stages: ['under_review'], fields: [text('comment', '审核意见（选填）', false)] },
  { cmd: 'return-reply', label: '退回修改', roles: ['supervisor'], stages: ['under_review'], fields: [area('comment', '退回意见')] },
  { cmd: 'issue-reply', label: '答复送达', roles: ['handler', 'registrar'], stages: ['approved'],
    fields: [date('served_on', '送达日期'), select('service_method', '送达方式', options(serviceMethodLabels))] },
  { cmd: 'withdraw', label: '申请人撤回', roles: ['registrar', 'handler'], stages: open,
    fields: [date('received_on', '收到撤回日期'), area('reason', '撤回理由')] },
  { cmd: 'archive', label: '归档', roles: ['registrar', 'handler'], stages: ['closed'],
    fields: [text('archive_no', '档案号'), number('retention_years', '保管期限（年）', { default: () => 10, min: 1, max: 100 })] },
  { cmd: 'reopen', label: '重新办理', roles: ['supervisor'], stages: ['closed', 'archived'],
    fields: [select('basis', '依据', options({ reconsideration: '行政复议决定', litigation: '法院判决', self_correction: '自行纠正' })), text('reference', '文书编号'),
      date('decided_on', '决定日期'), { key: 'reply_due_on', label: '新的答复期限', type: 'date', required: true }] },
  { cmd: 'record-remedy', label: '登记复议/诉讼结果', roles: ['supervisor'], stages: ['closed', 'archived', 'in_progress'],
    fields: [select('kind', '类型', options({ reconsideration: '行政复议', litigation: '未经复议直接起诉', litigation_after_reconsideration: '复议后起诉' })),
      select('outcome', '结果', options({ upheld: '维持', corrected: '纠正', other: '其他结果', pending: '尚未审结' })), date('decided_on', '决定日期', false), text('reference', '文书编号')] },
  { cmd: 'add-note', label: '备注', roles: ['registrar', 'handler', 'supervisor'], stages: null, fields: [area('text', '备注内容')] },
]

export function actionsFor(roles, caseData) {
  const openConsultation = (caseData.consultations || []).some((c) => c.open)
  return caseActions.filter((a) => a.roles.some((r) => roles.includes(r)) && (!a.stages || a.stages.includes(caseData.stage)) && (a.needs !== 'open_consultation' || openConsultation))
}

export function initialValues(action) {
  const v = {}
  for (const f of action.fields) {
    if (typeof f.default === 'function') v[f.key] = f.default()
    else if (f.type === 'select' && f.required) v[f.key] = f.options[0].value
    else if (f.type === 'number') v[f.key] = undefined
    else v[f.key] = ''
  }
  return v
}

// The command body: empty optional fields left out, lists split by line, numbers as numbers.
export function bodyOf(action, values) {
  const body = {}
  for (const f of action.fields) {
    let v = values[f.key]
    if (v === '' || v === undefined || v === null) continue
    if (f.type === 'list') v = String(v).split('\n').map((s) => s.trim()).filter(Boolean)
    if (f.type === 'number') v = Number(v)
    if (f.type === 'consultation') v = Number.isNaN(Number(v)) ? v : Number(v)
    body[f.key] = v
  }
  return body
}

export function missingFields(action, values) {
  return action.fields.filter((f) => f.required && (values[f.key] === '' || values[f.key] === undefined || values[f.key] === null)).map((f) => f.label)
}
