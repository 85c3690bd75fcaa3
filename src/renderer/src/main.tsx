import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
import { storedLanguage } from './state/sessionStore';
import { registerServiceWorker } from './platform/serviceWorker';
import 'antd/dist/antd.css';
import './styles.css';

initI18n(storedLanguage());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void registerServiceWorker();
