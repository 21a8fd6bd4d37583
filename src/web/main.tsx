import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadPage } from './preload';
import { setupClient } from './setup';
import './format';
// antd's components' styles, prebuilt (theme.ts: zero-runtime mode); ours after them.
import 'antd/dist/antd.css';
import './styles.css';

setupClient();
preloadPage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
