// Who is logged in: the bearer token and the user of POST /api/v1/sessions, kept for the browser
// tab only (sessionStorage: closing the tab ends it; nothing in localStorage).
import { reactive } from 'vue'

const KEY = 'gongkai.session'

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || {}
  } catch {
    return {}
  }
}

const saved = load()

export const session = reactive({
  token: saved.token || '',
  user: saved.user || null,
  expiresAt: saved.expiresAt || '',
})

export function signIn({ token, user, expires_at }) {
  session.token = token
  session.user = user
  session.expiresAt = expires_at
  sessionStorage.setItem(KEY, JSON.stringify({ token, user, expiresAt: expires_at }))
}

export function signOut() {
  session.token = ''
  session.user = null
  session.expiresAt = ''
  sessionStorage.removeItem(KEY)
}

export function hasRole(...roles) {
  const mine = session.user?.roles || []
  return roles.some((r) => mine.includes(r))
}
