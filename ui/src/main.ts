import { createApp } from 'vue';
import App from './App.vue';
import { applyDocumentLocale, i18n } from './i18n';
import { router } from './router';
import './styles/base.css';

applyDocumentLocale();

createApp(App).use(i18n).use(router).mount('#app');
