import { createRouter, createWebHistory } from 'vue-router'
import { session, hasRole } from './session.js'

// Each page with the roles that use it (the server checks again; this only keeps menus honest).
export const pages = [
  { path: '/queue', name: 'queue', title: '我的待办', roles: ['handler'], component: () => import('./pages/QueuePage.vue') },
  { path: '/register', name: 'register', title: '登记', roles: ['registrar'], component: () => import('./pages/RegisterPage.vue') },
  { path: '/supervision', name: 'supervision', title: '督办', roles: ['supervisor', 'auditor'], component: () => import('./pages/SupervisionPage.vue') },
  { path: '/audit', name: 'audit', title: '审计', roles: ['auditor', 'supervisor'], component: () => import('./pages/AuditPage.vue') },
  { path: '/cases', name: 'cases', title: '案件查询', roles: ['registrar', 'handler', 'supervisor', 'auditor'], component: () => import('./pages/CasesPage.vue') },
  { path: '/report', name: 'report', title: '年度报告', roles: ['supervisor', 'auditor'], component: () => import('./pages/ReportPage.vue') },
  { path: '/admin', name: 'admin', title: '管理', roles: ['admin'], component: () => import('./pages/AdminPage.vue') },
]

export function homeFor() {
  const first = pages.find((p) => hasRole(...p.roles))
  return first ? { name: first.name } : { name: 'login' }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
    ...pages.map((p) => ({ path: p.path, name: p.name, component: p.component, meta: { roles: p.roles, title: p.title } })),
    { path: '/cases/:id', name: 'case', component: () => import('./pages/CaseDetailPage.vue'), props: true, meta: { title: '案件详情' } },
    { path: '/', name: 'home', redirect: () => homeFor() },
    { path: '/:rest(.*)*', name: 'missing', component: () => import('./pages/MissingPage.vue'), meta: { title: '页面不存在' } },
  ],
})

router.beforeEach((to) => {
  if (!to.meta.public && !session.token) return { name: 'login', query: { next: to.fullPath } }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title || ''} · 政府信息依申请公开办理系统`
})
