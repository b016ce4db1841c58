// The HTTP API of API.md from the browser: bearer token, JSON in and out, problem+json turned
// into an ApiError whose message is Chinese (codes.js). A 401 ends the session.
import { session, signOut } from './session.js'
import { problemMessage } from './codes.js'

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem))
    this.status = status
    this.code = problem?.code || ''
    this.problem = problem || {}
  }
}

let onUnauthorized = () => {}
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

async function send(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json', ...extraHeaders }
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let res
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  } catch {
    throw new ApiError(0, { code: 'network_error' })
  }
  if (!res.ok) {
    let problem = {}
    try {
      problem = await res.json()
    } catch {
      problem = {}
    }
    if (res.status === 401 && session.token && path !== '/sessions') {
      signOut()
      onUnauthorized()
    }
    throw new ApiError(res.status, problem)
  }
  return res
}

export async function api(method, path, body, headers) {
  const res = await send(method, path, body, headers)
  if (res.status === 204) return null
  return res.json()
}

export const get = (path) => api('GET', path)
export const post = (path, body) => api('POST', path, body ?? {})

// A download through fetch (the token is a header, not a cookie): saves the response as `name`.
export async function download(path, name) {
  const res = await send('GET', path)
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function query(params) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v)
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}
