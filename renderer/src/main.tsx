import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { App } from './components/App';
import { SessionStore } from './state/session-store';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App api={connectApi()} store={new SessionStore()} />
  </StrictMode>,
);
