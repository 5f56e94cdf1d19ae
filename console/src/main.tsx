import { render } from 'preact';
import { App } from './app';
import { ApiClient } from './api/client';
import { I18nProvider } from './i18n/i18n';
import './styles.css';

const root = document.getElementById('app');
if (root !== null) {
  render(
    <I18nProvider>
      <App client={new ApiClient()} />
    </I18nProvider>,
    root,
  );
}
