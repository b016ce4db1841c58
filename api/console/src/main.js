import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router.js'
import { setUnauthorizedHandler } from './api.js'

setUnauthorizedHandler(() => router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } }))

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
